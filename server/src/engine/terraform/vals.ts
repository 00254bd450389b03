// Small constructors and readers for model values.
import type { ListVal, Loc, ObjVal, Range, StrVal, UnknownVal, Val } from '../model';

export const at = (file: string, range: Range): Loc => ({ file, range });

export function unknown(loc: Loc, why: string, isRegion?: boolean): UnknownVal {
  return isRegion ? { t: 'unknown', loc, why, isRegion } : { t: 'unknown', loc, why };
}

/** A computed string (function result): one part with the value, no source text. */
export function computedStr(v: string, loc: Loc): StrVal {
  return { t: 'str', v, parts: [{ value: v, loc }], loc };
}

export function list(items: Val[], loc: Loc, complete = true): ListVal {
  return { t: 'list', items, loc, complete };
}

export function obj(entries: ObjVal['entries'], loc: Loc): ObjVal {
  return { t: 'obj', entries, loc };
}

/** Side data that survives `relocate`: where a value came from for policy reading. */
const sideData = new WeakMap<object, unknown>();
export function tag<T extends Val>(val: T, data: unknown): T { sideData.set(val, data); return val; }
export function tagOf(val: Val | undefined): unknown { return val ? sideData.get(val) : undefined; }

/** Lists standing for "the instances of a resource whose count/for_each is unknown". */
const unexpanded = new WeakSet<object>();
export function markUnexpanded(val: ListVal): ListVal { unexpanded.add(val); return val; }
export function isUnexpanded(val: Val): boolean { return unexpanded.has(val); }

/** The same value, used at `loc` (a reference to a variable, local or attribute). */
export function relocate(val: Val, loc: Loc): Val {
  let out: Val;
  if (val.t === 'ref' || val.t === 'unknown') out = { ...val, loc };
  else out = { ...val, loc, origin: val.origin ?? val.loc };
  const data = sideData.get(val);
  if (data !== undefined) sideData.set(out, data);
  if (unexpanded.has(val)) unexpanded.add(out);
  return out;
}

/** A scalar as the string Terraform would interpolate, or undefined when not a known scalar. */
export function scalarString(val: Val): string | undefined {
  if (val.t === 'str') return val.v;
  if (val.t === 'num') return String(val.v);
  if (val.t === 'bool') return String(val.v);
  return undefined;
}

export function entry(val: Val, key: string): Val | undefined {
  if (val.t !== 'obj') return undefined;
  for (let i = val.entries.length - 1; i >= 0; i--) if (val.entries[i].key === key) return val.entries[i].value;
  return undefined;
}

export function isNull(val: Val): boolean { return val.t === 'unknown' && val.why === 'null'; }
