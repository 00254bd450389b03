// Per-file syntax with reuse: tree-sitter trees are kept per path and reparsed incrementally, and
// each top-level block is lowered once per distinct text (walking nodes through the wasm boundary
// is what costs time, not parsing), then moved to wherever the block now starts. After an edit
// only the top-level nodes the reparse touched are visited; the others keep their lowered form
// (the very same objects when they did not move, which lets the scope build reuse their resources).
// A keystroke inside one block of an error-free file reparses that block alone: tree-sitter's own
// reparse walks every top-level block again (about 1 ms per 4,000 lines).
import type { Position } from '../model';
import { changeBetween, detached, LineIndex, type TextChange } from '../text';
import { moveBlockLazily, moveTree, shiftTree, type Attribute, type Block } from './ast';
import { lowerTop, mirror, type Lowered, type SyntaxProblem } from './lower';
import type { TreeCursor } from 'web-tree-sitter';
import { editTree, parseText, reparse, type Dirty, type SyntaxNode, type Tree } from './parser';
import type { ModuleMemo } from './reuse';

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

/** One lowering of a distinct top-level text: as lowered where it first stood (`base` at
 *  `baseAt`), and as placed where it was last put (`abs` at `at`). */
interface BlockEntry { base: Lowered; baseAt: Position; abs: Lowered; at: Position }

/** A top-level node of a file: its offsets and its lowered form at its position. */
interface Top { start: number; end: number; src: string; entry: BlockEntry; clean: boolean; at: Position; abs: Lowered }

/** How the syntax of file `path` came from `base` by one edit: the blocks and attributes that
 *  only moved (new object -> the object it was), and where positions at or after `from` went
 *  (`to`; later lines keep their characters). */
export interface Moves { path: string; base: FileSyntax; origin: Map<object, object>; from: Position; to: Position }

interface FileEntry {
  text: string;
  /** The file's tree: of `text`, or of an earlier text and told of the edits since (a keystroke
   *  inside one block reparses that block alone; the next whole reparse catches the tree up). */
  tree?: Tree;
  lines?: LineIndex;
  blocks: Map<string, BlockEntry>;
  /** Top-level nodes in order; undefined when error recovery re-parsed part of the file. */
  tops?: Top[];
  syntax: FileSyntax;
  moves?: Moves;
}

export class TerraformCache {
  private readonly files = new Map<string, FileEntry>();
  /** The last build of each module directory, for the next build to reuse. */
  private readonly memos = new Map<string, ModuleMemo>();

  memoOf(dir: string): ModuleMemo | undefined { return this.memos.get(dir); }

  setMemo(dir: string, memo: ModuleMemo | undefined): void {
    if (memo) this.memos.set(dir, memo);
    else this.memos.delete(dir);
  }

  /** How the syntax of `path` came from the one whose blocks were `base`, when it did by the
   *  last edit. */
  movesSince(path: string, base: readonly Block[]): Moves | undefined {
    const moves = this.files.get(path)?.moves;
    return moves?.base.blocks === base ? moves : undefined;
  }

  /** The line index of `text` at `path`, when its syntax was read last. */
  linesOf(path: string, text: string): LineIndex | undefined {
    const entry = this.files.get(path);
    return entry?.text === text ? entry.lines : undefined;
  }

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
    const previous = old?.blocks ?? new Map<string, BlockEntry>();
    const used = new Map<string, BlockEntry>();
    let tree: Tree;
    let patched: Spliced | undefined;
    let lines: LineIndex | undefined;
    if (old?.tree) {
      const change = changeBetween(old.text, text);
      const oldLines = old.lines ?? new LineIndex(old.text);
      lines = oldLines.edited(text, change);
      patched = old.tops ? patchInPlace(text, old.text, old.tops, oldLines, lines, change, previous, used) : undefined;
      if (patched) {
        editTree(old.tree, change, oldLines, lines);
        tree = old.tree;
      } else {
        const r = reparse(text, { text: old.text, tree: old.tree, lines: oldLines }, change, lines);
        tree = r.tree;
        if (old.tops) patched = patch(tree, text, old.tops, oldLines, lines, r.dirty, previous, used);
      }
    } else tree = parseText(text);
    if (patched) {
      const syntax = join(patched.tops);
      const moves = patched.moved.size ? { path, base: old!.syntax, origin: patched.moved, from: patched.from, to: patched.to } : undefined;
      this.files.set(path, { text, tree, lines: patched.lines, blocks: used, tops: patched.tops, syntax, moves });
      return syntax;
    }
    used.clear();
    lines ??= new LineIndex(text);
    const { syntax, tops } = extract(tree, text, lines, previous, used, { left: MAX_RECOVERIES });
    this.files.set(path, { text, tree, lines, blocks: used, tops, syntax });
    return syntax;
  }

  /** Drops a path (closed document, deleted file) and frees its tree. */
  forget(path: string): void {
    this.files.get(path)?.tree?.delete();
    this.files.delete(path);
    this.memos.clear();
  }

  /** Keeps only the given paths. */
  retain(paths: Iterable<string>): void {
    const keep = new Set(paths);
    for (const p of [...this.files.keys()]) if (!keep.has(p)) this.forget(p);
  }

  clear(): void { for (const p of [...this.files.keys()]) this.forget(p); }
}

/** Lowers every top-level node of `tree`. `tops` is undefined when errors needed recovery. */
function extract(tree: Tree, text: string, lines: LineIndex, previous: Map<string, BlockEntry>, used: Map<string, BlockEntry>, budget: { left: number }): { syntax: FileSyntax; tops?: Top[] } {
  const tops: Top[] = [];
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
    const top = lowerAt(cursor, text, lines, previous, used);
    tops.push(top);
    if (type === 'ERROR') recover.push(top);
  };
  if (cursor.gotoFirstChild()) {
    do visitTop(); while (cursor.gotoNextSibling());
  }
  cursor.delete();
  const syntax = join(tops);
  for (const r of recover) recoverAfterError(text, lines, r, syntax, budget);
  return { syntax, tops: recover.length ? undefined : tops };
}

/** The top-level node under the cursor, lowered (or taken from an earlier lowering of the same
 *  text) and placed at its position. A node with errors is always lowered again: error recovery
 *  depends on what precedes it, so the same text may not give the same tree. */
function lowerAt(cursor: TreeCursor, text: string, lines: LineIndex, previous: Map<string, BlockEntry>, used: Map<string, BlockEntry>, offset = 0): Top {
  // `offset`: where the text the cursor's tree was parsed from starts in `text`.
  const start = offset + cursor.startIndex;
  const end = offset + cursor.endIndex;
  const src = detached(text.slice(start, end));
  const clean = !cursor.currentNode.hasError;
  const at = lines.positionAt(start);
  const reused = clean ? used.get(src) ?? previous.get(src) : undefined;
  let entry: BlockEntry;
  if (reused) entry = reused;
  else {
    // Lowered where it stands: a block read once (the CLI, a first open) is never moved.
    const lowered = lowerTop(mirror(cursor, cursor.startIndex, !clean), src, lines, start, !clean);
    entry = { base: lowered, baseAt: at, abs: lowered, at };
  }
  return topOf(src, start, end, at, entry, clean, used);
}

/** `src`, at [start, end) and starting at `at`, as a top-level node lowered as `entry`; a clean one
 *  is kept for reuse. */
function topOf(src: string, start: number, end: number, at: Position, entry: BlockEntry, clean: boolean, used: Map<string, BlockEntry>): Top {
  if (clean) used.set(src, entry);
  return { start, end, src, entry, clean, ...placed(entry, at) };
}

/** The entry's lowered form at `at`: the same objects as last time when it did not move. */
function placed(entry: BlockEntry, at: Position): { at: Position; abs: Lowered } {
  if (!samePosition(entry.at, at)) {
    const { base, baseAt } = entry;
    entry.abs = samePosition(baseAt, at) ? base : {
      blocks: base.blocks.map((b) => moveBlockLazily(b, baseAt, at)),
      attrs: moveTree(base.attrs, baseAt, at), problems: moveTree(base.problems, baseAt, at),
    };
    entry.at = at;
  }
  return { at, abs: entry.abs };
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/** The top-level nodes after an edit: the old ones before `first` kept, then `middle`, then the old
 *  ones from `last` on moved by the length change; `moved` maps the new blocks and attributes that
 *  only moved to the old ones, and positions from `from` on went to `to`. */
interface Spliced { tops: Top[]; lines: LineIndex; moved: Map<object, object>; from: Position; to: Position }

/**
 * The top-level nodes after an edit, visiting only those in the dirty range: nodes before it are
 * kept as they were, nodes after it are moved. Undefined when the file must be walked whole (a
 * top-level error needs recovery, or the new tree does not line up with the kept nodes).
 */
function patch(tree: Tree, text: string, old: Top[], oldLines: LineIndex, lines: LineIndex, dirty: Dirty, previous: Map<string, BlockEntry>, used: Map<string, BlockEntry>): Spliced | undefined {
  const delta = dirty.newEnd - dirty.oldEnd;
  let first = 0;
  while (first < old.length && old[first].end < dirty.start) first++;
  let last = first;
  while (last < old.length && old[last].start <= dirty.oldEnd) last++;
  const from = first > 0 ? old[first - 1].end : 0;
  const to = last < old.length ? old[last].start + delta : text.length;
  const middle: Top[] = [];
  const body = bodyOf(tree.rootNode);
  if (!body) return undefined;
  let node = body.firstChildForIndex(from);
  for (; node && node.startIndex < to; node = node.nextSibling) {
    if (node.type === 'ERROR' || node.startIndex < from || node.endIndex > to) return undefined;
    if (node.type === 'comment') continue;
    const cursor = node.walk();
    try {
      middle.push(lowerAt(cursor, text, lines, previous, used));
    } finally {
      cursor.delete();
    }
  }
  // The first kept node after the edit must be a node of the new tree, unchanged.
  if (last < old.length ? node?.startIndex !== to || node.endIndex !== old[last].end + delta : node) return undefined;
  return splice(old, first, last, middle, delta, lines, used, oldLines.positionAt(dirty.oldEnd), lines.positionAt(dirty.newEnd));
}

/** Blank text between top-level nodes: a change there changes no token. */
const BLANK = /^[ \t\r\n]*$/;

/**
 * The top-level nodes after an edit, without a reparse of the file, when the edit is one that
 * cannot change how the rest of the file reads: blank text changed between two nodes, or the
 * inside of a block changed and its new text reads on its own as one block without errors (a
 * block is delimited by its braces and newlines mean nothing in between, so the file reads as
 * before around it). Only in files without errors: error recovery can depend on what follows.
 * Undefined otherwise.
 */
function patchInPlace(text: string, oldText: string, old: Top[], oldLines: LineIndex, lines: LineIndex, change: TextChange, previous: Map<string, BlockEntry>, used: Map<string, BlockEntry>): Spliced | undefined {
  if (!old.every((t) => t.clean)) return undefined;
  const delta = change.newEnd - change.oldEnd;
  let k = 0;
  while (k < old.length && old[k].end <= change.start) k++;
  const inGap = k === old.length || change.oldEnd <= old[k].start;
  if (inGap) {
    // Blank before and after, and still some blank between two nodes.
    const gapStart = k > 0 ? old[k - 1].end : 0;
    const gapEnd = k < old.length ? old[k].start : oldText.length;
    const after = text.slice(gapStart, gapEnd + delta);
    if (!BLANK.test(oldText.slice(gapStart, gapEnd)) || !BLANK.test(after) || (k > 0 && k < old.length && !after)) return undefined;
  } else if (change.start <= old[k].start || change.oldEnd >= old[k].end || old[k].entry.base.blocks.length !== 1) {
    return undefined;
  }
  const block = inGap ? undefined : blockAlone(text, old[k].start, old[k].end + delta, lines, previous, used);
  if (!inGap && !block) return undefined;
  return splice(old, k, inGap ? k : k + 1, block ? [block] : [], delta, lines, used, oldLines.positionAt(change.oldEnd), lines.positionAt(change.newEnd));
}

/** The text [start, end) as a top-level node when it reads on its own as one block without errors;
 *  a text lowered before is not read again. */
function blockAlone(text: string, start: number, end: number, lines: LineIndex, previous: Map<string, BlockEntry>, used: Map<string, BlockEntry>): Top | undefined {
  const src = detached(text.slice(start, end));
  const known = used.get(src) ?? previous.get(src);
  if (known) return topOf(src, start, end, lines.positionAt(start), known, true, used);
  const tree = parseText(src);
  try {
    const root = tree.rootNode;
    const body = root.firstChild;
    const block = body?.firstChild;
    if (root.hasError || root.childCount !== 1 || body?.type !== 'body' || body.childCount !== 1 || block?.type !== 'block'
      || block.startIndex !== 0 || block.endIndex !== src.length) return undefined;
    const cursor = block.walk();
    try {
      return lowerAt(cursor, text, lines, previous, used, start);
    } finally {
      cursor.delete();
    }
  } finally {
    tree.delete();
  }
}

/** The old nodes before `first` kept, `middle`, the old nodes from `last` on moved by `delta`. */
function splice(old: Top[], first: number, last: number, middle: Top[], delta: number, lines: LineIndex, used: Map<string, BlockEntry>, from: Position, to: Position): Spliced {
  const moved = new Map<object, object>();
  const keep = (t: Top) => { if (t.clean) used.set(t.src, t.entry); };
  const kept = (t: Top): Top => { keep(t); return t; };
  const move = (t: Top): Top => {
    keep(t);
    const start = t.start + delta;
    const at = lines.positionAt(start);
    if (samePosition(at, t.at)) return { ...t, start, end: t.end + delta };
    const next: Top = { ...t, start, end: t.end + delta, ...placed(t.entry, at) };
    t.abs.blocks.forEach((b, i) => moved.set(next.abs.blocks[i], b));
    t.abs.attrs.forEach((a, i) => moved.set(next.abs.attrs[i], a));
    return next;
  };
  const tops = [...old.slice(0, first).map(kept), ...middle, ...old.slice(last).map(move)];
  return { tops, lines, moved, from, to };
}

/** The file's body, when the root holds nothing else (errors or attributes outside a body are
 *  left to the full walk). */
function bodyOf(root: SyntaxNode): SyntaxNode | undefined {
  let body: SyntaxNode | undefined;
  for (let i = 0; i < root.childCount; i++) {
    const child = root.child(i);
    if (child?.type === 'body' && !body) body = child;
    else if (child?.type !== 'comment') return undefined;
  }
  return body;
}

function join(tops: Top[]): FileSyntax {
  const out: FileSyntax = { blocks: [], attrs: [], problems: [] };
  for (let i = 0; i < tops.length; i++) append(out, tops[i].abs);
  return out;
}

/** Top-level blocks read by a re-parse after an error: where that re-parse starts depends on the
 *  text before them, so an edit there or before them can change how they read. */
const recovered = new WeakSet<Block>();

/** Whether a top-level block was read by re-parsing after an earlier error in its file. */
export function readAfterError(block: Block): boolean {
  return recovered.has(block);
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
    const inner = extract(tree, src, new LineIndex(src), new Map(), new Map(), budget).syntax;
    // The enclosing error is reported at its first token; errors inside the recovered blocks are
    // reported too, so fixes keep away from blocks that read only in part.
    const read = shiftTree({ blocks: inner.blocks, attrs: inner.attrs, problems: inner.problems }, at.line, at.character);
    for (const b of read.blocks) recovered.add(b);
    append(out, read);
  } finally {
    tree.delete();
  }
}

function append(out: FileSyntax, part: Lowered): void {
  out.blocks.push(...part.blocks);
  out.attrs.push(...part.attrs);
  out.problems.push(...part.problems);
}
