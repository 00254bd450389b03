// Loads the tree-sitter runtime and the Terraform grammar (both WebAssembly) once, and parses
// text incrementally: an edited tree plus the new text reparses in about a millisecond per 4,000
// lines (the reparse still steps over every top-level block).
import { existsSync } from 'fs';
import { join } from 'path';
import type * as TreeSitter from 'web-tree-sitter';
import type { LineIndex, TextChange } from '../text';

// CommonJS entry point: the bundle and the tests both load it with require.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ts: typeof TreeSitter = require('web-tree-sitter');

export type Tree = TreeSitter.Tree;
export type SyntaxNode = TreeSitter.Node;

let loading: Promise<void> | undefined;
let parser: TreeSitter.Parser | undefined;
/** The grammar's node type names and whether each is named, by type id: asked once per type, not
 *  once per node (every question crosses into WebAssembly). */
let typeNames: string[] = [];
let typeNamed: boolean[] = [];

/** The wasm file next to the bundle (dist/), else inside its package (tests run from sources). */
function locateWasm(fileName: string, packagePath: string): string {
  const beside = join(__dirname, fileName);
  return existsSync(beside) ? beside : require.resolve(packagePath);
}

/** Loads the runtime and grammar; idempotent and safe to call concurrently. */
export function initTerraform(): Promise<void> {
  loading ??= (async () => {
    await ts.Parser.init({
      locateFile: () => locateWasm('web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm'),
    });
    const language = await ts.Language.load(
      locateWasm('tree-sitter-terraform.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'));
    const p = new ts.Parser();
    p.setLanguage(language);
    typeNames = language.types;
    typeNamed = language.types.map((_, id) => language.nodeTypeIsNamed(id));
    parser = p;
  })();
  loading.catch(() => { loading = undefined; });
  return loading;
}

/** A node type's name (`ERROR` for the error type, which has no entry). */
export function typeName(id: number): string {
  return typeNames[id] || 'ERROR';
}

/** Whether nodes of a type are named (the error type is). */
export function typeIsNamed(id: number): boolean {
  return typeNamed[id] ?? true;
}

function requireParser(): TreeSitter.Parser {
  if (!parser) throw new Error('Terraform parser not initialised: await initTerraform() first');
  return parser;
}

/** Parses `text` afresh. */
export function parseText(text: string): Tree {
  return mustParse(requireParser(), text);
}

/** Tells `tree` that its text (indexed by `oldLines`) became the text of `lines` by `change`, for
 *  a later reparse. */
export function editTree(tree: Tree, change: TextChange, oldLines: LineIndex, lines: LineIndex): void {
  const point = (index: LineIndex, offset: number): TreeSitter.Point => {
    const p = index.positionAt(offset);
    return { row: p.line, column: p.character };
  };
  tree.edit(new ts.Edit({
    startIndex: change.start, oldEndIndex: change.oldEnd, newEndIndex: change.newEnd,
    startPosition: point(lines, change.start), oldEndPosition: point(oldLines, change.oldEnd), newEndPosition: point(lines, change.newEnd),
  }));
}

/** Where a reparse may have changed the tree: [start, newEnd) in the new text, which was
 *  [start, oldEnd) in the old one. Outside it, nodes are the old ones, moved by the length change. */
export type Dirty = TextChange;

/** Reparses `text` incrementally from the tree of the old text, which became it by `change`
 *  (the old tree is consumed: the caller must not use it afterwards), telling what the edit
 *  touched: the edited text plus every range whose syntax changed (an opened quote can change
 *  everything after it). */
export function reparse(text: string, old: { text: string; tree: Tree; lines: LineIndex }, change: TextChange, lines: LineIndex): { tree: Tree; dirty: Dirty } {
  editTree(old.tree, change, old.lines, lines);
  const tree = mustParse(requireParser(), text, old.tree);
  const dirty = { start: change.start, newEnd: change.newEnd };
  for (const r of old.tree.getChangedRanges(tree)) {
    dirty.start = Math.min(dirty.start, r.startIndex);
    dirty.newEnd = Math.max(dirty.newEnd, r.endIndex);
  }
  old.tree.delete();
  return { tree, dirty: { ...dirty, oldEnd: dirty.newEnd - (text.length - old.text.length) } };
}

function mustParse(p: TreeSitter.Parser, text: string, oldTree?: Tree): Tree {
  const tree = p.parse(text, oldTree ?? null);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
