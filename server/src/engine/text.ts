// Offset <-> LSP position conversion. Offsets are UTF-16 code unit indexes (JavaScript string
// indexes), which is exactly what LSP characters count, so no re-encoding is needed.
import type { Position } from './model';

export class LineIndex {
  /** Offset at which each line starts; line 0 starts at 0. */
  private readonly starts: number[];

  constructor(private readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
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
