// Per-file syntax with reuse: tree-sitter trees are kept per path and reparsed incrementally, and
// each top-level block is lowered once per distinct text (walking nodes through the wasm boundary
// is what costs time, not parsing), then moved to wherever the block now starts.
import type { Position } from '../model';
import { LineIndex } from '../text';
import { shiftTree, type Attribute, type Block } from './ast';
import { lowerTop, mirror, type Lowered, type SyntaxProblem } from './lower';
import { parseText, type Tree } from './parser';

export const MAX_FILE_BYTES = 2 * 1024 * 1024;
const TOP_KEYWORD = /^(resource|data|variable|locals|provider|module|output|terraform)\b/;
/** How many times one file may be re-parsed after a top-level syntax error. */
const MAX_RECOVERIES = 16;

export interface FileSyntax {
  blocks: Block[];
  /** Top-level attributes (tfvars files). */
  attrs: Attribute[];
  problems: SyntaxProblem[];
}

interface BlockEntry { rel: Lowered; at?: Position; abs?: Lowered }

interface FileEntry {
  text: string;
  tree?: Tree;
  blocks: Map<string, BlockEntry>;
  syntax: FileSyntax;
}

export class TerraformCache {
  private readonly files = new Map<string, FileEntry>();

  /** The syntax of `text` at `path`, reusing the previous parse of that path. */
  syntaxOf(path: string, text: string): FileSyntax {
    const old = this.files.get(path);
    if (old && old.text === text) return old.syntax;
    if (text.length > MAX_FILE_BYTES || Buffer.byteLength(text, 'utf8') > MAX_FILE_BYTES) {
      this.forget(path);
      const syntax: FileSyntax = { blocks: [], attrs: [], problems: [{
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: 'File is larger than 2 MB: not analysed.',
      }] };
      this.files.set(path, { text, blocks: new Map(), syntax });
      return syntax;
    }
    const tree = parseText(text, old?.tree ? { text: old.text, tree: old.tree } : undefined);
    const previous = old?.blocks ?? new Map<string, BlockEntry>();
    const used = new Map<string, BlockEntry>();
    const syntax = extract(tree, text, previous, used, { left: MAX_RECOVERIES });
    this.files.set(path, { text, tree, blocks: used, syntax });
    return syntax;
  }

  /** Drops a path (closed document, deleted file) and frees its tree. */
  forget(path: string): void {
    this.files.get(path)?.tree?.delete();
    this.files.delete(path);
  }

  /** Keeps only the given paths. */
  retain(paths: Iterable<string>): void {
    const keep = new Set(paths);
    for (const p of [...this.files.keys()]) if (!keep.has(p)) this.forget(p);
  }

  clear(): void { for (const p of [...this.files.keys()]) this.forget(p); }
}

function extract(tree: Tree, text: string, previous: Map<string, BlockEntry>, used: Map<string, BlockEntry>, budget: { left: number }): FileSyntax {
  const lines = new LineIndex(text);
  const out: FileSyntax = { blocks: [], attrs: [], problems: [] };
  const cursor = tree.walk();
  const recover: { start: number; end: number }[] = [];
  const visitTop = () => {
    const type = cursor.nodeType;
    if (type === 'body') {
      if (cursor.gotoFirstChild()) {
        do visitTop(); while (cursor.gotoNextSibling());
        cursor.gotoParent();
      }
      return;
    }
    if (type === 'comment') return;
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    const src = text.slice(start, end);
    const at = lines.positionAt(start);
    let entry = used.get(src) ?? previous.get(src);
    if (!entry) entry = { rel: lowerTop(mirror(cursor, start), src) };
    if (!entry.abs || !entry.at || entry.at.line !== at.line || entry.at.character !== at.character) {
      entry.abs = shiftTree(entry.rel, at.line, at.character);
      entry.at = at;
    }
    used.set(src, entry);
    append(out, entry.abs);
    if (type === 'ERROR') recover.push({ start, end });
  };
  if (cursor.gotoFirstChild()) {
    do visitTop(); while (cursor.gotoNextSibling());
  }
  cursor.delete();
  for (const r of recover) recoverAfterError(text, lines, r, out, budget);
  return out;
}

/** Tree-sitter puts everything after some errors (a stray `}`) into one ERROR node: re-parse from
 *  the next line that starts a top-level block so those blocks still count. */
function recoverAfterError(text: string, lines: LineIndex, span: { start: number; end: number }, out: FileSyntax, budget: { left: number }): void {
  if (budget.left <= 0) return;
  let from = -1;
  for (let i = text.indexOf('\n', span.start); i !== -1 && i + 1 < span.end; i = text.indexOf('\n', i + 1)) {
    if (TOP_KEYWORD.test(text.slice(i + 1, i + 12))) { from = i + 1; break; }
  }
  if (from < 0) return;
  budget.left--;
  const src = text.slice(from, span.end);
  const tree = parseText(src);
  try {
    const at = lines.positionAt(from);
    const inner = extract(tree, src, new Map(), new Map(), budget);
    // Problems inside the recovered text were already reported once as the enclosing error.
    append(out, shiftTree({ blocks: inner.blocks, attrs: inner.attrs, problems: [] }, at.line, at.character));
  } finally {
    tree.delete();
  }
}

function append(out: FileSyntax, part: Lowered): void {
  out.blocks.push(...part.blocks);
  out.attrs.push(...part.attrs);
  out.problems.push(...part.problems);
}
