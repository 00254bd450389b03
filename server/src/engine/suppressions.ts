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
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
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
      out.push({ codes, scope: 'line', lines: standsAlone ? [i, nextCodeLine(lines, i)] : [i], loc });
    }
  }
  return out;
}

/** The line a stand-alone comment applies to: the next one that is not blank or a comment. */
function nextCodeLine(lines: string[], from: number): number {
  for (let j = from + 1; j < lines.length; j++) {
    const t = lines[j].trim();
    if (t !== '' && !t.startsWith('#') && !t.startsWith('//')) return j;
  }
  return from + 1;
}
