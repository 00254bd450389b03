// Builds Terraform scopes from inline files for the front-end tests.
import { buildTerraformScope, initTerraform, TerraformCache } from '../../../server/src/engine/terraform';
import type { Range, Resource, Scope, Val } from '../../../server/src/engine/model';

export const DIR = '/mod';

export async function ready(): Promise<void> { await initTerraform(); }

export function scopeOf(files: Record<string, string>, cache?: TerraformCache): Scope {
  return buildTerraformScope(DIR, Object.entries(files).map(([name, text]) => ({ path: `${DIR}/${name}`, text })), cache);
}

export function res(scope: Scope, key: string): Resource {
  const r = scope.byKey.get(key);
  if (!r) throw new Error(`no resource ${key}; have ${[...scope.byKey.keys()].join(', ')}`);
  return r;
}

export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** A compact, comparable view of a value: strings, numbers, refs `target.attr`, lists, objects. */
export function plain(v: Val | undefined): unknown {
  if (!v) return undefined;
  switch (v.t) {
    case 'str': return v.v ?? '<unknown str>';
    case 'num': case 'bool': return v.v;
    case 'ref': return v.attr ? `${v.target}.${v.attr}` : v.target;
    case 'list': return v.complete ? v.items.map(plain) : [...v.items.map(plain), '…'];
    case 'obj': return Object.fromEntries(v.entries.map((e) => [e.key, plain(e.value)]));
    case 'unknown': return `<unknown: ${v.why}>`;
  }
}
