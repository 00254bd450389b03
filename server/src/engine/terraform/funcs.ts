// The Terraform functions modules use to build the values rules read (names, lists, policies).
// Each returns `unknown` unless every input it needs is known.
import type { ListVal, Loc, ObjEntry, Val } from '../model';
import { computedStr, entry, isNull, list, relocate, scalarString, unknown } from './vals';

type Fn = (args: Val[], loc: Loc) => Val;

const strs = (v: Val): string[] | undefined => {
  if (v.t !== 'list' || !v.complete) return undefined;
  const out: string[] = [];
  for (const i of v.items) {
    const s = scalarString(i);
    if (s === undefined) return undefined;
    out.push(s);
  }
  return out;
};

const needList = (v: Val | undefined): ListVal | undefined => (v && v.t === 'list' ? v : undefined);

const FUNCTIONS: Record<string, Fn> = {
  format: ([fmt, ...rest], loc) => {
    const f = fmt && scalarString(fmt);
    if (f === undefined) return unknown(loc, 'format string not known');
    let i = 0;
    let failed = false;
    const out = f.replace(/%(%|[-+# 0]*\d*(?:\.\d+)?[sdvqft])/g, (m, spec: string) => {
      if (spec === '%') return '%';
      const arg = rest[i++];
      const s = arg && scalarString(arg);
      if (s === undefined) { failed = true; return m; }
      return spec.endsWith('q') ? JSON.stringify(s) : s;
    });
    return failed ? unknown(loc, 'format argument not known') : computedStr(out, loc);
  },
  join: ([sep, l], loc) => {
    const s = sep && scalarString(sep);
    const items = l && strs(l);
    return s !== undefined && items ? computedStr(items.join(s), loc) : unknown(loc, 'join of unknown values');
  },
  concat: (args, loc) => {
    const items: Val[] = [];
    let complete = true;
    for (const a of args) {
      if (a.t !== 'list') return unknown(loc, 'concat of unknown lists');
      items.push(...a.items);
      complete &&= a.complete;
    }
    return list(items, loc, complete);
  },
  lookup: ([m, k, def], loc) => {
    const key = k && scalarString(k);
    if (!m || m.t !== 'obj' || key === undefined) return unknown(loc, 'lookup in an unknown map');
    const v = entry(m, key);
    if (v) return relocate(v, loc);
    return def ? relocate(def, loc) : unknown(loc, `no key \`${key}\``);
  },
  merge: (args, loc) => {
    const entries: ObjEntry[] = [];
    for (const a of args) {
      if (isNull(a)) continue;
      if (a.t !== 'obj') return unknown(loc, 'merge of unknown maps');
      for (const e of a.entries) {
        const i = entries.findIndex((x) => x.key === e.key);
        if (i >= 0) entries.splice(i, 1);
        entries.push(e);
      }
    }
    return { t: 'obj', entries, loc };
  },
  element: ([l, i], loc) => {
    const items = needList(l);
    if (!items || !items.complete || !items.items.length || !i || i.t !== 'num') return unknown(loc, 'element of an unknown list');
    const n = items.items.length;
    return relocate(items.items[((Math.floor(i.v) % n) + n) % n], loc);
  },
  tolist: ([l], loc) => (l && l.t === 'list' ? relocate(l, loc) : unknown(loc, 'tolist of an unknown value')),
  toset: ([l], loc) => {
    if (!l || l.t !== 'list') return unknown(loc, 'toset of an unknown value');
    const seen = new Set<string>();
    const items: Val[] = [];
    for (const item of l.items) {
      const s = scalarString(item);
      if (s === undefined) return relocate(l, loc);
      if (!seen.has(s)) { seen.add(s); items.push(item); }
    }
    return list(items, loc, l.complete);
  },
  tomap: ([m], loc) => (m && m.t === 'obj' ? relocate(m, loc) : unknown(loc, 'tomap of an unknown value')),
  tostring: ([v], loc) => {
    const s = v && scalarString(v);
    return s !== undefined ? computedStr(s, loc) : unknown(loc, 'tostring of an unknown value');
  },
  // The object itself is the policy: keeping it (instead of a JSON string) keeps every range.
  jsonencode: ([v], loc) => (v && (v.t === 'obj' || v.t === 'list') ? v : unknown(loc, 'jsonencode of an unknown value')),
  length: ([v], loc) => {
    if (v?.t === 'list' && v.complete) return { t: 'num', v: v.items.length, loc };
    if (v?.t === 'obj') return { t: 'num', v: v.entries.length, loc };
    if (v?.t === 'str' && v.v !== undefined) return { t: 'num', v: [...v.v].length, loc };
    return unknown(loc, 'length of an unknown value');
  },
  keys: ([m], loc) => (m?.t === 'obj'
    ? list([...m.entries].sort((a, b) => (a.key < b.key ? -1 : 1)).map((e) => ({ t: 'str', v: e.key, parts: [{ text: e.key, value: e.key, loc: e.keyLoc }], loc: e.keyLoc })), loc)
    : unknown(loc, 'keys of an unknown map')),
  values: ([m], loc) => (m?.t === 'obj'
    ? list([...m.entries].sort((a, b) => (a.key < b.key ? -1 : 1)).map((e) => e.value), loc)
    : unknown(loc, 'values of an unknown map')),
  flatten: ([l], loc) => {
    if (!l || l.t !== 'list') return unknown(loc, 'flatten of an unknown value');
    const items: Val[] = [];
    let complete = l.complete;
    const walk = (v: Val) => {
      if (v.t === 'list') { complete &&= v.complete; v.items.forEach(walk); } else items.push(v);
    };
    l.items.forEach(walk);
    return list(items, loc, complete);
  },
  distinct: (args, loc) => FUNCTIONS.toset(args, loc),
  compact: ([l], loc) => {
    if (!l || l.t !== 'list') return unknown(loc, 'compact of an unknown value');
    if (l.items.some((i) => i.t === 'unknown' && !isNull(i))) return unknown(loc, 'compact of unknown items');
    return list(l.items.filter((i) => !isNull(i) && !(i.t === 'str' && i.v === '')), loc, l.complete);
  },
  lower: ([s], loc) => mapStr(s, loc, (x) => x.toLowerCase()),
  upper: ([s], loc) => mapStr(s, loc, (x) => x.toUpperCase()),
  trimspace: ([s], loc) => mapStr(s, loc, (x) => x.trim()),
  split: ([sep, s], loc) => {
    const a = sep && scalarString(sep);
    const b = s && scalarString(s);
    return a !== undefined && b !== undefined ? list(b.split(a).map((x) => computedStr(x, loc)), loc) : unknown(loc, 'split of an unknown value');
  },
  coalesce: (args, loc) => {
    for (const a of args) {
      if (isNull(a) || (a.t === 'str' && a.v === '')) continue;
      return a.t === 'unknown' ? unknown(loc, a.why ?? 'not known') : relocate(a, loc);
    }
    return unknown(loc, 'coalesce of nothing');
  },
  one: ([l], loc) => {
    if (!l || l.t !== 'list' || !l.complete || l.items.length > 1) return unknown(loc, 'one of an unknown list');
    return l.items.length ? relocate(l.items[0], loc) : unknown(loc, 'null');
  },
  try: (args, loc) => {
    const first = args.find((a) => a.t !== 'unknown');
    return first ? relocate(first, loc) : unknown(loc, 'try of unknown values');
  },
  contains: ([l, v], loc) => {
    const items = l && strs(l);
    const s = v && scalarString(v);
    return items && s !== undefined ? { t: 'bool', v: items.includes(s), loc } : unknown(loc, 'contains of unknown values');
  },
  cidrsubnet: ([p, bits, num], loc) => {
    const prefix = p && scalarString(p);
    if (prefix === undefined || bits?.t !== 'num' || num?.t !== 'num') return unknown(loc, 'cidrsubnet of unknown values');
    const out = cidrSubnet(prefix, bits.v, num.v);
    return out ? computedStr(out, loc) : unknown(loc, 'cidrsubnet outside IPv4');
  },
};

function mapStr(s: Val | undefined, loc: Loc, f: (x: string) => string): Val {
  const v = s && scalarString(s);
  if (v !== undefined) return computedStr(f(v), loc);
  return unknown(loc, s?.t === 'unknown' && s.why ? s.why : 'function of an unknown value');
}

/** IPv4 only: the `netnum`th subnet of `newbits` more bits. */
export function cidrSubnet(prefix: string, newbits: number, netnum: number): string | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(prefix.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const len = Number(m[5]);
  const newLen = len + newbits;
  if (octets.some((o) => o > 255) || len > 32 || newLen > 32 || newbits < 0 || netnum < 0 || netnum >= 2 ** newbits) return undefined;
  const base = octets.reduce((a, o) => a * 256 + o, 0);
  const network = base - (base % 2 ** (32 - len));
  const addr = network + netnum * 2 ** (32 - newLen);
  const parts = [24, 16, 8, 0].map((s) => Math.floor(addr / 2 ** s) % 256);
  return `${parts.join('.')}/${newLen}`;
}

export function callFunction(name: string, args: Val[], loc: Loc): Val {
  const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  return fn ? fn(args, loc) : unknown(loc, `${name}(...) is not evaluated`);
}
