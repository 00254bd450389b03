// Where text is written: positions inside string values, and the source text that fixes edit.
import type { Loc, Resource, Scope, StrVal } from '../model';
import { textAt } from '../fileIndex';
import type { RuleContext } from '../rule';

/**
 * The source location of characters [start, end) of a string value's resolved text: exact when
 * they lie inside one literal piece, else the piece(s) that produce them, else the whole value.
 */
export function locateInStr(val: StrVal, start: number, end: number): Loc {
  let at = 0;
  for (const p of val.parts) {
    const text = p.text ?? p.value;
    if (text === undefined) return val.loc;
    const pStart = at;
    const pEnd = at + text.length;
    at = pEnd;
    if (start >= pStart && end <= pEnd) {
      if (p.text === undefined) return p.loc; // inside an interpolation: point at the expression
      const r = p.loc.range;
      if (r.start.line !== r.end.line || r.end.character - r.start.character !== text.length) return p.loc;
      return {
        file: p.loc.file,
        range: {
          start: { line: r.start.line, character: r.start.character + (start - pStart) },
          end: { line: r.start.line, character: r.start.character + (end - pStart) },
        },
      };
    }
  }
  return val.loc;
}

/** The piece of a string value that covers [start, end), when exactly one does. */
export function pieceAt(val: StrVal, start: number, end: number): StrVal['parts'][number] | undefined {
  let at = 0;
  for (const p of val.parts) {
    const text = p.text ?? p.value;
    if (text === undefined) return undefined;
    if (start >= at && end <= at + text.length) return p;
    at += text.length;
  }
  return undefined;
}

/** Like locateInStr, but only when [start, end) is literal text written at one place that maps
 *  character for character (so a fix may replace exactly those characters). */
export function exactLocInStr(val: StrVal, start: number, end: number): Loc | undefined {
  const piece = pieceAt(val, start, end);
  if (!piece || piece.text === undefined) return undefined;
  const loc = locateInStr(val, start, end);
  const r = loc.range;
  return r.start.line === r.end.line && r.end.character - r.start.character === end - start ? loc : undefined;
}

/** Where a fix can replace characters [start, end) of a string value: literal text written in
 *  one place, or an interpolation that yields exactly those characters (`${var.region}`). */
export function replaceableLoc(val: StrVal, start: number, end: number): Loc | undefined {
  const exact = exactLocInStr(val, start, end);
  if (exact) return exact;
  const piece = pieceAt(val, start, end);
  if (piece?.expr !== undefined && piece.value !== undefined && piece.value.length === end - start) return piece.loc;
  return undefined;
}

/** `inner` lies inside `outer` (same file). */
export function locWithin(outer: Loc, inner: Loc): boolean {
  const before = (a: Loc['range']['start'], b: Loc['range']['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return outer.file === inner.file && before(outer.range.start, inner.range.start) && before(inner.range.end, outer.range.end);
}

/** Two locations cover the same text (items of a splat share the whole expression's location). */
export function sameRange(a: Loc, b: Loc): boolean {
  const r = a.range;
  const s = b.range;
  return a.file === b.file && r.start.line === s.start.line && r.start.character === s.start.character
    && r.end.line === s.end.line && r.end.character === s.end.character;
}

/** The source text at a location, for fixes that copy a value verbatim. */
export function sourceText(scope: Scope, loc: Loc): string | undefined {
  return textAt(scope, loc);
}

/** Where exactly `text` is written at `loc` (without surrounding quotes), so a fix can replace it
 *  and keep the quoting; undefined when the source there is not that text (relocated JSON). */
export function exactTextLoc(scope: Scope, loc: Loc, text: string): Loc | undefined {
  const written = sourceText(scope, loc);
  if (written === text) return loc;
  const r = loc.range;
  if (written === undefined || r.start.line !== r.end.line || written.length !== text.length + 2) return undefined;
  const quote = written[0];
  if ((quote !== '"' && quote !== "'") || written[written.length - 1] !== quote || written.slice(1, -1) !== text) return undefined;
  return { file: loc.file, range: { start: { line: r.start.line, character: r.start.character + 1 }, end: { line: r.end.line, character: r.end.character - 1 } } };
}

/** Whether the resource's own text writes attribute `name` (`subnet_ids = ...`, `"SubnetIds":`).
 *  Guards "missing attribute" rules: a written value that evaluated to null (`cond ? var.x : null`
 *  with a module's placeholder default) is absent from props but is not missing. */
export function attributeWritten(ctx: RuleContext, res: Resource, name: string): boolean {
  const text = ctx.sourceText(res.loc);
  let written = ATTRIBUTE_PATTERNS.get(name);
  if (!written) ATTRIBUTE_PATTERNS.set(name, written = new RegExp(`^\\s*"?${name}"?\\s*[=:]`, 'm'));
  return text !== undefined && written.test(text);
}

const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();
