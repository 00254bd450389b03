// Per-file facts that rules and fixes need again and again (line offsets, source text at a
// location), computed once per SourceFile instead of once per finding: findings are many.
import type { Loc, Scope, SourceFile } from './model';
import { LineIndex } from './text';

/** A file's line index is kept on the file itself, hidden. Not in a WeakMap: V8's young-generation
 *  collections keep a WeakMap's values alive whatever becomes of their keys, so every keystroke's
 *  text and index (one file object each) was copied and promoted by the next scavenge. */
const INDEX = Symbol('lines');
type Indexed = SourceFile & { [INDEX]?: { text: string; lines: LineIndex } };

/** The line index of a file, built on first use and kept while the file's text is unchanged. */
export function linesOf(file: SourceFile): LineIndex {
  const cached = (file as Indexed)[INDEX];
  if (cached && cached.text === file.text) return cached.lines;
  const lines = new LineIndex(file.text);
  keep(file, lines);
  return lines;
}

/** Hands a file the line index its parse already keeps for the same text (a keystroke's parse
 *  updates it from the previous one), so its findings do not index the whole file again. */
export function shareLines(file: SourceFile, lines: LineIndex): void {
  keep(file, lines);
}

function keep(file: SourceFile, lines: LineIndex): void {
  // Not enumerable: copies and comparisons of files do not see it.
  Object.defineProperty(file, INDEX, { value: { text: file.text, lines }, writable: true, configurable: true, enumerable: false });
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
