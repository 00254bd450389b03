// The template's text, for mapping characters of a string value back to source positions.
import type { Loc, Position, StrPart, StrVal } from '../model';
import type { LineIndex } from '../text';
import { linesOfTemplate } from './yaml';

export class TemplateSource {
  readonly lines: LineIndex;
  constructor(readonly file: string, readonly text: string) {
    this.lines = linesOfTemplate(file, text);
  }

  /** Source text under a location of this file. */
  slice(loc: Loc): string | undefined {
    if (loc.file !== this.file) return undefined;
    return this.text.slice(this.lines.offsetAt(loc.range.start), this.lines.offsetAt(loc.range.end));
  }

  /** When `part` is literal text written exactly as its value (no escapes, no folding), a function
   *  giving the position of its i-th character; otherwise undefined. */
  charPositions(part: StrPart): ((i: number) => Position) | undefined {
    if (part.text === undefined || this.slice(part.loc) !== part.text) return undefined;
    const base = this.lines.offsetAt(part.loc.range.start);
    return (i: number) => this.lines.positionAt(base + i);
  }

  /** The location of characters [from, to) of a literal string, or the whole string's content
   *  location when the text does not map one to one. */
  subLoc(str: StrVal, from: number, to: number): Loc {
    const part = str.parts.length === 1 ? str.parts[0] : undefined;
    const at = part && this.charPositions(part);
    if (!part || !at) return part ? part.loc : str.loc;
    return { file: part.loc.file, range: { start: at(from), end: at(to) } };
  }
}
