// The Terraform functions modules use to build the values rules read (names, lists, policies).
// Each returns `unknown` unless every input it needs is known.
import type { ListVal, Loc, ObjEntry, Val } from '../model';
import { computedStr, entry, isNull, list, relocate, scalarString, unknown } from './vals';
import { expandReplacement, matchResult, re2, regionAware, type Json } from './strfuncs';
import { lookupTable } from '../collections';

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

const FUNCTIONS: Readonly<Record<string, Fn>> = lookupTable<Fn>({
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
  lower: ([s], loc) => regionAware('lower', [s], loc, ([x]) => x.toLowerCase()),
  upper: ([s], loc) => regionAware('upper', [s], loc, ([x]) => x.toUpperCase()),
  trimspace: ([s], loc) => regionAware('trimspace', [s], loc, ([x]) => x.trim()),
  trimprefix: ([s, p], loc) => regionAware('trimprefix', [s, p], loc, ([x, pre]) => (x.startsWith(pre) ? x.slice(pre.length) : x)),
  trimsuffix: ([s, p], loc) => regionAware('trimsuffix', [s, p], loc, ([x, suf]) => (suf && x.endsWith(suf) ? x.slice(0, -suf.length) : x)),
  trim: ([s, c], loc) => regionAware('trim', [s, c], loc, ([x, chars]) => {
    const set = new Set(chars);
    const cs = [...x];
    let a = 0;
    let b = cs.length;
    while (a < b && set.has(cs[a])) a++;
    while (b > a && set.has(cs[b - 1])) b--;
    return cs.slice(a, b).join('');
  }),
  startswith: ([s, p], loc) => regionAware('startswith', [s, p], loc, ([x, pre]) => x.startsWith(pre)),
  endswith: ([s, p], loc) => regionAware('endswith', [s, p], loc, ([x, suf]) => x.endsWith(suf)),
  strcontains: ([s, p], loc) => regionAware('strcontains', [s, p], loc, ([x, sub]) => x.includes(sub)),
  split: ([sep, s], loc) => regionAware('split', [sep, s], loc, ([a, b]) => (a === '' ? [...b] : b.split(a))),
  replace: ([s, sub, rep], loc) => regionAware('replace', [s, sub, rep], loc, ([x, find, by]) => {
    if (find.length > 1 && find.startsWith('/') && find.endsWith('/')) {
      const re = re2(find.slice(1, -1));
      return re ? x.replace(re, (...m) => expandReplacement(by, execLike(m))) : undefined;
    }
    // Go's strings.Replace with an empty needle inserts at every character boundary.
    return find === '' ? by + [...x].join(by) + (x ? by : '') : x.split(find).join(by);
  }),
  regex: ([p, s], loc) => regionAware('regex', [p, s], loc, ([pattern, x]) => {
    const re = re2(pattern);
    const m = re && re.exec(x);
    return m ? matchResult(m) : undefined;
  }),
  regexall: ([p, s], loc) => regionAware('regexall', [p, s], loc, ([pattern, x]) => {
    const re = re2(pattern);
    if (!re) return undefined;
    const out: Json[] = [];
    for (const m of x.matchAll(re)) {
      const r = matchResult(m as RegExpExecArray);
      if (r === undefined) return undefined;
      out.push(r);
    }
    return out;
  }),
  setunion: (args, loc) => {
    const items: Val[] = [];
    const seen = new Set<string>();
    for (const a of args) {
      if (a.t !== 'list' || !a.complete) return unknown(loc, 'setunion of unknown sets');
      for (const item of a.items) {
        const key = scalarString(item);
        if (key === undefined) return unknown(loc, 'setunion of unknown items');
        if (!seen.has(key)) { seen.add(key); items.push(item); }
      }
    }
    return list(items, loc);
  },
  sort: ([l], loc) => {
    const items = l && strs(l);
    if (!l || l.t !== 'list' || !items) return unknown(loc, 'sort of an unknown list');
    const order = l.items.map((v, i) => ({ v, s: items[i] })).sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
    return list(order.map((o) => o.v), loc);
  },
  jsondecode: ([s], loc) => {
    const text = s && scalarString(s);
    if (text === undefined) return unknown(loc, s?.t === 'unknown' && s.why ? s.why : 'jsondecode of an unknown value');
    if (text.length > MAX_JSON_CHARS) return unknown(loc, 'jsondecode of a string larger than 1 MB');
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { return unknown(loc, 'jsondecode of text that is not JSON'); }
    return fromJson(parsed, loc, 0);
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
});

const MAX_JSON_CHARS = 1024 * 1024;

/** The arguments of a String.replace callback as the match array Go's expansion reads. */
function execLike(args: unknown[]): RegExpExecArray {
  const last = args[args.length - 1];
  const hasGroups = typeof last === 'object' && last !== null;
  const captures = args.slice(0, hasGroups ? -3 : -2) as string[];
  const m = captures as unknown as RegExpExecArray;
  if (hasGroups) m.groups = last as Record<string, string>;
  return m;
}

/** A decoded JSON value as a model value; every piece sits at the decoding call. */
function fromJson(j: unknown, loc: Loc, depth: number): Val {
  if (depth > 64) return unknown(loc, 'JSON nested too deeply');
  if (typeof j === 'string') return computedStr(j, loc);
  if (typeof j === 'number') return { t: 'num', v: j, loc };
  if (typeof j === 'boolean') return { t: 'bool', v: j, loc };
  if (j === null) return unknown(loc, 'null');
  if (Array.isArray(j)) return list(j.map((x) => fromJson(x, loc, depth + 1)), loc);
  return { t: 'obj', entries: Object.entries(j as Record<string, unknown>).map(([key, v]) => ({ key, keyLoc: loc, value: fromJson(v, loc, depth + 1) })), loc };
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
