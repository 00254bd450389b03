// Test helpers: find ranges by the text they cover, so expectations read like the template.
import type { ObjVal, Range, Val } from '../../../server/src/engine/model';
import { LineIndex } from '../../../server/src/engine/text';

/** Range of the `nth` (0-based) occurrence of `needle` in `text`. */
export function rangeOf(text: string, needle: string, nth = 0): Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not in text`);
  }
  const lines = new LineIndex(text);
  return { start: lines.positionAt(at), end: lines.positionAt(at + needle.length) };
}

export function entry(val: Val | undefined, key: string): Val {
  if (val?.t !== 'obj') throw new Error(`not an object: ${val?.t}`);
  const e = (val as ObjVal).entries.find(x => x.key === key);
  if (!e) throw new Error(`no key ${key}`);
  return e.value;
}

/** Plain JS form of a value tree, to compare shapes without locations. */
export function plain(val: Val | undefined): unknown {
  if (!val) return undefined;
  switch (val.t) {
    case 'str': return val.v === undefined ? { unknownStr: val.parts.map(p => p.text ?? `\${${p.expr}}`).join('') } : val.v;
    case 'num': case 'bool': return val.v;
    case 'list': return val.items.map(plain);
    case 'obj': return Object.fromEntries(val.entries.map(e => [e.key, plain(e.value)]));
    case 'ref': return { ref: val.attr ? `${val.target}.${val.attr}` : val.target };
    case 'unknown': return { unknown: val.why };
  }
}
