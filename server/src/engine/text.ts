// Offset <-> LSP position conversion. Offsets are UTF-16 code unit indexes (JavaScript string
// indexes), which is exactly what LSP characters count, so no re-encoding is needed.
import type { Position } from './model';

export class LineIndex {
  /** Offset at which each line starts; line 0 starts at 0. */
  private readonly starts: number[];
  /** Whether the text has no carriage return (every line ends in a lone `\n`). */
  private readonly lf: boolean;

  /** `starts`: the line starts of `text`, known already (see `edited`). */
  constructor(private readonly text: string, starts?: number[]) {
    this.lf = starts !== undefined || !text.includes('\r');
    if (starts) {
      this.starts = starts;
      return;
    }
    starts = [0];
    if (this.lf) {
      // The common case, found by the native search: an index is built for every file version.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number { return this.starts.length; }

  /** The index of `text`, which is this index's text changed by `change`: lines before the change kept, those after it moved, without reading the
   *  text outside the change (a keystroke in a large file). */
  edited(text: string, { start, oldEnd, newEnd }: TextChange): LineIndex {
    const inserted = text.slice(start, newEnd);
    if (!this.lf || inserted.includes('\r')) return new LineIndex(text);
    const old = this.starts;
    const delta = newEnd - oldEnd;
    const added: number[] = [];
    for (let j = inserted.indexOf('\n'); j !== -1; j = inserted.indexOf('\n', j + 1)) added.push(start + j + 1);
    let kept = 0;
    while (kept < old.length && old[kept] <= start) kept++;
    let after = kept;
    while (after < old.length && old[after] <= oldEnd) after++;
    // Sized once: the index of a large file is thousands of entries.
    const starts = old.slice(0, kept + added.length + old.length - after);
    for (let j = 0; j < added.length; j++) starts[kept + j] = added[j];
    for (let i = after, k = kept + added.length; i < old.length; i++, k++) starts[k] = old[i] + delta;
    return new LineIndex(text, starts);
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[p.line];
    const next = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    // Clamp to the end of the line's content (before its line break).
    let end = next;
    if (p.line + 1 < this.starts.length) {
      end--;
      if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    }
    return Math.min(start + Math.max(0, p.character), end);
  }

  /** The text of a line without its line break ('' past the last line). */
  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    return this.text.slice(this.starts[line], this.offsetAt({ line, character: this.text.length }));
  }
}

/** Shifts a position found in embedded text to the file that embeds it (origin = where the
 *  embedded text starts). */
export function shiftPosition(p: Position, origin?: Position): Position {
  if (!origin) return p;
  return { line: p.line + origin.line, character: p.line === 0 ? p.character + origin.character : p.character };
}

/** Where the text between `start` and `end` ends without its trailing whitespace (line breaks
 *  included): a YAML node's range runs on past them. */
export function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** A copy of `s` that does not keep alive the string it was sliced from: V8 slices point into their
 *  parent, so a block's text kept for reuse would keep that whole version of its file. */
export function detached(s: string): string {
  return (' ' + s).slice(1);
}

/** Where an edit changed a text: [start, oldEnd) of the old text is [start, newEnd) of the new. */
export interface TextChange { start: number; oldEnd: number; newEnd: number }

/** The one span in which `text` differs from `oldText` (common prefix and suffix aside). */
export function changeBetween(oldText: string, text: string): TextChange {
  const start = commonPrefix(oldText, text);
  const suffix = commonSuffix(oldText, text, Math.min(oldText.length, text.length) - start);
  return { start, oldEnd: oldText.length - suffix, newEnd: text.length - suffix };
}

/** Compared a block at a time first (native string comparison: big blocks, then small ones), then
 *  character by character: a keystroke in a 200 KB file is found in a few dozen steps of
 *  JavaScript, not 200,000. */
const BLOCKS = [16384, 512, 16];

/** Length of the longest common prefix of `a` and `b`. */
export function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  for (const block of BLOCKS) {
    while (n + block <= max && a.slice(n, n + block) === b.slice(n, n + block)) n += block;
  }
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** Length of the longest common suffix of `a` and `b`, at most `max`. */
export function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  for (const block of BLOCKS) {
    while (n + block <= max && a.slice(a.length - n - block, a.length - n) === b.slice(b.length - n - block, b.length - n)) n += block;
  }
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}
