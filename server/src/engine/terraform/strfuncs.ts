// String functions that keep the deployment region. A region piece (`data.aws_region.x.name`)
// stands in the text as a private-use character while the function runs; the result is kept only
// when it is what Terraform gives for every region the piece could be (checked by substituting
// each known region), so a function that touches the region's text yields `unknown`, or plain
// text when every region is known.
import type { Loc, StrPart, Val } from '../model';
import { allRegions } from '../data/aws';
import type { RegionTag } from './region';
import { computedStr, isNull, list, tagOf, unknown } from './vals';

/** What string functions return, before it becomes a value. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const FIRST = 0xe000;
const LAST = 0xe0ff;
const SENTINELS = /[\ue000-\ue0ff]/;

interface RegionPiece { part: StrPart; key: string; value?: string }

class RegionText {
  readonly pieces: RegionPiece[] = [];

  /** The value's text with region pieces as sentinels, or undefined when it is not known. */
  textOf(val: Val): string | undefined {
    if (val.t === 'num' || val.t === 'bool') return String(val.v);
    if (val.t === 'unknown') {
      const expr = (tagOf(val) as Partial<RegionTag> | undefined)?.regionExpr;
      return val.isRegion ? this.sentinel(expr ? { expr, isRegion: true, loc: val.loc } : { isRegion: true, loc: val.loc }, undefined) : undefined;
    }
    if (val.t !== 'str') return undefined;
    let out = '';
    for (const p of val.parts) {
      let piece: string | undefined;
      if (p.isRegion) piece = this.sentinel(p, p.value);
      else piece = p.value ?? (p.expr === undefined ? p.text : undefined);
      if (piece === undefined || (!p.isRegion && SENTINELS.test(piece))) return undefined;
      out += piece;
    }
    return out;
  }

  private sentinel(part: StrPart, value: string | undefined): string | undefined {
    // One data source is one region wherever it is read; anything else counts as its own region.
    const source = part.expr && /^data\.aws_region\.[\w-]+/.exec(part.expr)?.[0];
    const key = source ?? `#${this.pieces.length}`;
    let i = this.pieces.findIndex((p) => p.key === key);
    if (i < 0) {
      if (FIRST + this.pieces.length > LAST) return undefined;
      i = this.pieces.push({ part, key, value }) - 1;
    }
    return String.fromCharCode(FIRST + i);
  }

  /** Region assignments to check a result against: the known value of each piece, and for
   *  unknown pieces every known region, all equal and all different. */
  samples(): string[][] {
    const codes = allRegions().map((r) => r.code);
    const pick = (k: number, shift: number) => this.pieces.map((p, j) => p.value ?? codes[(k + j * shift) % codes.length]);
    if (this.pieces.every((p) => p.value !== undefined)) return [pick(0, 0)];
    const out = codes.map((_, k) => pick(k, 0));
    if (this.pieces.filter((p) => p.value === undefined).length > 1) out.push(...codes.map((_, k) => pick(k, 1)));
    return out;
  }

  substitute(j: Json, regions: string[]): Json {
    if (typeof j === 'string') return this.pieces.length ? j.replace(/[\ue000-\ue0ff]/g, (c) => regions[c.charCodeAt(0) - FIRST]) : j;
    if (Array.isArray(j)) return j.map((x) => this.substitute(x, regions));
    if (j && typeof j === 'object') return Object.fromEntries(Object.entries(j).map(([k, v]) => [k, this.substitute(v, regions)]));
    return j;
  }

  /** A result string as a value: literal runs as computed pieces, sentinels as region pieces. */
  strOf(text: string, loc: Loc): Val {
    if (!SENTINELS.test(text)) return computedStr(text, loc);
    const parts: StrPart[] = [];
    for (const run of text.split(/([\ue000-\ue0ff])/)) {
      if (!run) continue;
      const piece = SENTINELS.test(run) ? this.pieces[run.charCodeAt(0) - FIRST] : undefined;
      if (!piece) parts.push({ value: run, loc });
      else parts.push(piece.part.expr === undefined ? { isRegion: true, value: piece.value, loc } : { expr: piece.part.expr, value: piece.value, isRegion: true, loc });
    }
    for (const p of parts) if (p.value === undefined) delete p.value;
    const known = parts.every((p) => p.value !== undefined);
    return known ? { t: 'str', v: parts.map((p) => p.value).join(''), parts, loc } : { t: 'str', parts, loc };
  }
}

/**
 * Runs `f` on the texts of `args` (each must be a known string, number or bool, or hold region
 * pieces) and turns its result into a value at `loc`. `f` returns undefined where Terraform
 * would fail. `what` names the function for the reason of an unknown result.
 */
export function regionAware(what: string, args: (Val | undefined)[], loc: Loc, f: (texts: string[]) => Json | undefined): Val {
  const rt = new RegionText();
  const texts: string[] = [];
  for (const a of args) {
    const t = a && !isNull(a) ? rt.textOf(a) : undefined;
    if (t === undefined) return unknown(loc, a?.t === 'unknown' && a.why && a.why !== 'null' ? a.why : `${what} of an unknown value`);
    texts.push(t);
  }
  const safe = (ts: string[]): Json | undefined => {
    try { return f(ts); } catch { return undefined; }
  };
  const result = safe(texts);
  if (result === undefined) return unknown(loc, `${what} could not be evaluated`);
  if (!rt.pieces.length) return toVal(rt, result, loc);
  const expected = JSON.stringify;
  const holds = rt.samples().every((regions) => {
    const real = safe(texts.map((t) => rt.substitute(t, regions) as string));
    return real !== undefined && expected(real) === expected(rt.substitute(result, regions));
  });
  if (holds) return toVal(rt, result, loc);
  // The function reads into the region's text: exact only when every region is known.
  const known = rt.pieces.every((p) => p.value !== undefined) ? safe(texts.map((t) => rt.substitute(t, rt.samples()[0]) as string)) : undefined;
  return known === undefined ? unknown(loc, `${what} depends on the region's text`) : toVal(new RegionText(), known, loc);
}

function toVal(rt: RegionText, j: Json, loc: Loc): Val {
  if (typeof j === 'string') return rt.strOf(j, loc);
  if (typeof j === 'number') return { t: 'num', v: j, loc };
  if (typeof j === 'boolean') return { t: 'bool', v: j, loc };
  if (j === null) return unknown(loc, 'null');
  if (Array.isArray(j)) return list(j.map((x) => toVal(rt, x, loc)), loc);
  const entries = Object.entries(j);
  if (entries.some(([k]) => SENTINELS.test(k))) return unknown(loc, 'map keys depend on the region');
  return { t: 'obj', entries: entries.map(([key, v]) => ({ key, keyLoc: loc, value: toVal(rt, v, loc) })), loc };
}

// ---------------------------------------------------------------------------------------------
// Regular expressions: Terraform uses RE2. Patterns JavaScript reads differently are not run.
// ---------------------------------------------------------------------------------------------

const UNSUPPORTED_RE2 = /\\[zACQEpPx]|\[\[:|\(\?[a-zA-Z]*[-U]/;

/** An RE2 pattern as a global JavaScript RegExp, or undefined when it cannot be read the same. */
export function re2(pattern: string): RegExp | undefined {
  let flags = 'g';
  let source = pattern;
  const lead = /^\(\?([ims]+)\)/.exec(source);
  if (lead) { flags += lead[1]; source = source.slice(lead[0].length); }
  if (UNSUPPORTED_RE2.test(source) || /\(\?[ims]/.test(source)) return undefined;
  try {
    return new RegExp(source.replace(/\(\?P</g, '(?<'), flags);
  } catch {
    return undefined;
  }
}

/** Go's regexp replacement template: `$1`, `${1}`, `$name`, `${name}`, `$$`. */
export function expandReplacement(template: string, m: RegExpExecArray): string {
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_m, dollar: string, braced?: string, bare?: string) => {
    if (dollar === '$') return '$';
    const name = braced ?? bare ?? '';
    const group = /^\d+$/.test(name) ? m[Number(name)] : m.groups?.[name];
    return group ?? '';
  });
}

/** One regex match as Terraform's regex() returns it. Undefined: a group did not take part. */
export function matchResult(m: RegExpExecArray): Json | undefined {
  if (m.length === 1) return m[0];
  const named = m.groups ? Object.keys(m.groups) : [];
  if (named.length && named.length !== m.length - 1) return undefined; // mixed: Terraform fails
  const groups = m.slice(1);
  if (groups.some((g) => g === undefined)) return undefined;
  return named.length ? Object.fromEntries(named.map((n) => [n, m.groups![n]])) : groups;
}
