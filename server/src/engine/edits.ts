// Applying text edits: used by the CLI's --fix, by tests, and to check fixes converge.
import type { TextEdit } from './model';
import type { Fix } from './rule';
import { LineIndex } from './text';

/**
 * Applies non-overlapping edits of one file. Identical edits apply once (findings that share a fix,
 * such as one security group of two endpoints, each offer it); of other overlapping edits the
 * later-starting one is dropped.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const unique = new Map(edits.map((e) => [JSON.stringify([e.range, e.newText]), e]));
  const spans = [...unique.values()]
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}

/** The fix applied unattended (--fix, fix-all, fix on save): the preferred safe one, else the
 *  first safe one. */
export function safeFixOf(fixes: readonly Fix[]): Fix | undefined {
  const safe = fixes.filter((f) => f.safe && f.edits.length > 0);
  return safe.find((f) => f.preferred) ?? safe[0];
}

/** Groups edits by file. */
export function editsByFile(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const list = out.get(e.file);
    if (list) list.push(e);
    else out.set(e.file, [e]);
  }
  return out;
}
