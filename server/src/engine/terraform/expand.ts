// count / for_each: one resource block becomes the instances Terraform would create, so that
// count.index and each.key/value resolve per instance.
import type { Val } from '../model';
import { attrOf, type Block } from './ast';
import type { Env, Evaluator } from './eval';
import { scalarString } from './vals';

/** Beyond this many instances a resource stays one unexpanded resource. */
export const MAX_INSTANCES = 256;

export interface Instance {
  /** `aws_subnet.private[0]`, `aws_subnet.private["a"]`, or the plain key when not expanded. */
  key: string;
  index?: number | string;
  env: Env;
}

export type Expansion =
  | { mode: 'single' | 'count' | 'for_each'; instances: Instance[] }
  | { mode: 'unexpanded'; instances: Instance[]; why: string };

export function expand(key: string, block: Block, file: string, ev: Evaluator): Expansion {
  const count = attrOf(block, 'count');
  if (count) {
    const n = ev.eval(count.value, { file });
    if (n.t === 'num' && Number.isInteger(n.v) && n.v >= 0 && n.v <= MAX_INSTANCES) {
      return {
        mode: 'count',
        instances: Array.from({ length: n.v }, (_, i) => ({ key: `${key}[${i}]`, index: i, env: { file, count: i } })),
      };
    }
    return unexpanded(key, { file, count: 'unknown' }, n.t === 'num' ? 'count too large' : 'count not known');
  }
  const forEach = attrOf(block, 'for_each');
  if (forEach) {
    const pairs = eachPairs(ev.eval(forEach.value, { file }));
    if (pairs && pairs.length <= MAX_INSTANCES) {
      return {
        mode: 'for_each',
        instances: pairs.map(([k, key2, value]) => ({
          key: `${key}[${JSON.stringify(k)}]`, index: k, env: { file, each: { key: key2, value } },
        })),
      };
    }
    return unexpanded(key, { file, each: 'unknown' }, pairs ? 'for_each too large' : 'for_each not known');
  }
  return { mode: 'single', instances: [{ key, env: { file } }] };
}

function unexpanded(key: string, env: Env, why: string): Expansion {
  return { mode: 'unexpanded', instances: [{ key, env }], why };
}

/** Map: its entries by key (Terraform iterates keys in lexical order). Set of strings: each
 *  element is both key and value. */
function eachPairs(v: Val): [string, Val, Val][] | undefined {
  if (v.t === 'obj') {
    return [...v.entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((e) => [e.key, { t: 'str', v: e.key, parts: [{ text: e.key, value: e.key, loc: e.keyLoc }], loc: e.keyLoc }, e.value]);
  }
  if (v.t === 'list' && v.complete) {
    const out: [string, Val, Val][] = [];
    for (const item of v.items) {
      const s = scalarString(item);
      if (s === undefined) return undefined;
      if (!out.some(([k]) => k === s)) out.push([s, item, item]);
    }
    return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  return undefined;
}
