// --fix: applies safe fixes to the workspace's texts in passes until nothing changes. Fixes whose
// edits overlap an already chosen fix wait for the next pass, when they are recomputed on the
// new text; a fix is applied whole or not at all.
import { applyEdits, LineIndex, safeFixOf, type Diagnostic, type TextEdit, type Workspace } from '../engine';

export const MAX_FIX_PASSES = 10;

export interface FixResult {
  /** New text of every file a fix changed. */
  changed: Map<string, string>;
  /** Number of fixes applied. */
  applied: number;
  /** The findings of the final texts, when the last pass linted them (it found nothing more to
   *  change): the report needs no lint of its own. */
  final?: Map<string, Diagnostic[]>;
}

/**
 * Applies safe fixes of findings in `reported` files. `texts` holds the current text of every
 * loaded file; fixes that touch any other file are skipped.
 */
export function applySafeFixes(ws: Workspace, reported: ReadonlySet<string>, texts: Map<string, string>, lint: () => Map<string, Diagnostic[]>): FixResult {
  const original = new Map(texts);
  let applied = 0;
  let final: Map<string, Diagnostic[]> | undefined;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const chosen = new Map<string, TextEdit[]>();
    const taken = new Map<string, Span[]>();
    const indexes = new Map<string, LineIndex>();
    const spanOf = (e: TextEdit): Span => {
      let lines = indexes.get(e.file);
      if (!lines) indexes.set(e.file, (lines = new LineIndex(texts.get(e.file)!)));
      return { start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end) };
    };
    let count = 0;
    const found = lint();
    for (const [file, list] of found) {
      if (!reported.has(file)) continue;
      for (const d of list) {
        const fix = safeFixOf(d.fixes);
        if (!fix || !fix.edits.every((e) => texts.has(e.file))) continue;
        const spans = fix.edits.map((e) => ({ file: e.file, ...spanOf(e) }));
        if (spans.some((s) => (taken.get(s.file) ?? []).some((t) => overlaps(s, t)))) continue;
        for (const s of spans) taken.set(s.file, [...(taken.get(s.file) ?? []), s]);
        for (const e of fix.edits) chosen.set(e.file, [...(chosen.get(e.file) ?? []), e]);
        count++;
      }
    }
    let changedThisPass = false;
    for (const [file, edits] of chosen) {
      const before = texts.get(file)!;
      const after = applyEdits(before, edits);
      if (after === before) continue;
      texts.set(file, after);
      ws.setFile(file, after);
      changedThisPass = true;
    }
    if (!changedThisPass) {
      final = found;
      break;
    }
    applied += count;
  }
  const changed = new Map<string, string>();
  for (const [file, text] of texts) if (text !== original.get(file)) changed.set(file, text);
  return { changed, applied, final };
}

interface Span { start: number; end: number }

/** Overlapping ranges, or two edits at the same spot (their order would be a guess). */
function overlaps(a: Span, b: Span): boolean {
  return (a.start < b.end && b.start < a.end) || a.start === b.start;
}
