// Per-file facts that rules and fixes need again and again (line offsets, source text at a
// location), computed once per SourceFile instead of once per finding: findings are many.
import type { Loc, Scope, SourceFile } from './model';
import { LineIndex } from './text';

const indexes = new WeakMap<SourceFile, { text: string; lines: LineIndex }>();

/** The line index of a file, built on first use and kept while the file's text is unchanged. */
export function linesOf(file: SourceFile): LineIndex {
  const cached = indexes.get(file);
  if (cached && cached.text === file.text) return cached.lines;
  const lines = new LineIndex(file.text);
  indexes.set(file, { text: file.text, lines });
  return lines;
}

/** Hands a file the line index its parse already keeps for the same text (a keystroke's parse
 *  updates it from the previous one), so its findings do not index the whole file again. */
export function shareLines(file: SourceFile, lines: LineIndex): void {
  indexes.set(file, { text: file.text, lines });
}

export function fileOf(scope: Scope, path: string): SourceFile | undefined {
  return scope.files.find((f) => f.path === path);
}

/** The source text at a location of the scope, or undefined when the file is not in the scope. */
export function textAt(scope: Scope, loc: Loc): string | undefined {
  const file = fileOf(scope, loc.file);
  if (!file) return undefined;
  const lines = linesOf(file);
  return file.text.slice(lines.offsetAt(loc.range.start), lines.offsetAt(loc.range.end));
}
