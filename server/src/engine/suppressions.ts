// Inline suppression comments, the same in every format that has comments:
//   # vpce-lint-ignore VPCE401 reason        (this line, or the next when the comment stands alone)
//   // vpce-lint-ignore-file VPCE401          (the whole file)
// With no code, every rule is suppressed.
import type { Suppression } from './model';

const MARKER = /(^|\s)(#|\/\/)\s*vpce-lint-ignore(-file)?(?=\s|$)(.*)$/;
const CODE = /^(VPCE\d{3}|[a-z0-9]+(?:-[a-z0-9]+)+)$/i;

export function findSuppressions(path: string, text: string): Suppression[] {
  const out: Suppression[] = [];
  if (!text.includes('vpce-lint-ignore')) return out;
  // With `\n` line ends (the usual case) only the lines that mention the marker are read: every
  // keystroke asks again on the whole file.
  const lines: Lines = text.includes('\r') ? splitLines(text) : new MarkedLines(text);
  const nextCodeLine = codeLineAfter(lines);
  for (let i = lines.nextMarked(0); i !== -1; i = lines.nextMarked(i + 1)) {
    const line = lines.at(i)!;
    const m = MARKER.exec(line);
    if (!m) continue;
    const start = m.index + m[1].length;
    const words = m[4].trim().split(/[\s,]+/).filter(Boolean);
    const codes: string[] = [];
    for (const w of words) {
      if (!CODE.test(w)) break;
      codes.push(/^vpce\d/i.test(w) ? w.toUpperCase() : w);
    }
    const standsAlone = line.slice(0, start).trim() === '';
    const loc = { file: path, range: { start: { line: i, character: start }, end: { line: i, character: line.length } } };
    if (m[3]) {
      out.push({ codes, scope: 'file', lines: [], loc });
    } else {
      out.push({ codes, scope: 'line', lines: standsAlone ? [i, nextCodeLine(i)] : [i], loc });
    }
  }
  return out;
}

/** Lines of a text: the next one at or after `from` that mentions the marker (-1: none), and the
 *  text of a line (undefined past the last). */
interface Lines {
  nextMarked(from: number): number;
  at(line: number): string | undefined;
}

function splitLines(text: string): Lines {
  const all = text.split(/\r\n|\r|\n/);
  return {
    nextMarked: (from) => {
      for (let i = from; i < all.length; i++) if (all[i].includes('vpce-lint-ignore')) return i;
      return -1;
    },
    at: (line) => all[line],
  };
}

/** The lines of a text with `\n` line ends, found with the native search instead of an array of
 *  every line. `nextMarked` is asked with increasing lines; `at`, from the last marked line on
 *  with increasing lines between two `nextMarked` (a look ahead of its own). */
class MarkedLines implements Lines {
  /** The last marked line found and the offset where it starts. */
  private line = 0;
  private start = 0;
  /** Where the look ahead is. */
  private aheadLine = 0;
  private aheadStart = 0;

  constructor(private readonly text: string) {}

  nextMarked(from: number): number {
    const at = this.text.indexOf('vpce-lint-ignore', this.lineStart(from));
    if (at === -1) return -1;
    for (let nl = this.text.indexOf('\n', this.start); nl !== -1 && nl < at; nl = this.text.indexOf('\n', nl + 1)) {
      this.line++;
      this.start = nl + 1;
    }
    this.aheadLine = this.line;
    this.aheadStart = this.start;
    return this.line;
  }

  at(line: number): string | undefined {
    if (line < this.aheadLine) {
      this.aheadLine = this.line;
      this.aheadStart = this.start;
    }
    while (this.aheadLine < line) {
      const nl = this.text.indexOf('\n', this.aheadStart);
      if (nl === -1) return undefined;
      this.aheadLine++;
      this.aheadStart = nl + 1;
    }
    const end = this.text.indexOf('\n', this.aheadStart);
    return this.text.slice(this.aheadStart, end === -1 ? this.text.length : end);
  }

  /** Where line `from` (at or after the last marked line) starts; the text's end past the last. */
  private lineStart(from: number): number {
    while (this.line < from) {
      const nl = this.text.indexOf('\n', this.start);
      if (nl === -1) return this.text.length;
      this.line++;
      this.start = nl + 1;
    }
    return this.start;
  }
}

/** The line a stand-alone comment applies to: the next one that is not blank or a comment. The
 *  last answer is kept: comments stacked above one line (or a file of them) share it, and are not
 *  each read up to it again. */
function codeLineAfter(lines: Lines): (from: number) => number {
  let known: { from: number; line: number } | undefined;
  return (from) => {
    if (known && from > known.from && from < known.line) return known.line;
    for (let j = from + 1; ; j++) {
      const line = lines.at(j);
      if (line === undefined) {
        known = undefined;
        return from + 1;
      }
      const t = line.trim();
      if (t !== '' && !t.startsWith('#') && !t.startsWith('//')) {
        known = { from, line: j };
        return j;
      }
    }
  };
}
