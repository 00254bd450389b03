// A plain-JavaScript HCL syntax tree. Lowering the tree-sitter tree into it is the only part that
// crosses the WebAssembly boundary; everything after (resolution, extraction, edits) reads this.
import type { Position, Range } from '../model';

export type TemplatePart =
  | { text: string; range: Range }
  /** `${...}`: `range` covers the whole interpolation, `src` is the text inside. */
  | { expr: Expr; src: string; range: Range }
  /** `%{...}` directives: never resolved. */
  | { directive: string; range: Range };

export type Expr =
  | { k: 'str'; parts: TemplatePart[]; range: Range; heredoc?: Heredoc }
  | { k: 'num'; value: number; range: Range }
  | { k: 'bool'; value: boolean; range: Range }
  | { k: 'null'; range: Range }
  /** A bare identifier: the root of a traversal (`var`, `aws_vpc`, `each`, a for variable). */
  | { k: 'var'; name: string; range: Range }
  | { k: 'attr'; obj: Expr; name: string; range: Range }
  | { k: 'index'; obj: Expr; key: Expr; range: Range }
  /** `obj[*].a.b` / `obj.*.a`: `each` is applied to every element, with `{ k: 'var', name: '' }`
   *  standing for the element. */
  | { k: 'splat'; obj: Expr; each: Expr; range: Range }
  | { k: 'call'; name: string; args: Expr[]; expand: boolean; range: Range }
  | { k: 'tuple'; items: Expr[]; range: Range }
  | { k: 'object'; items: ObjectItem[]; range: Range }
  | { k: 'for'; keyVar?: string; valVar: string; coll: Expr; keyExpr?: Expr; valExpr: Expr; cond?: Expr;
      isObject: boolean; range: Range }
  | { k: 'cond'; test: Expr; then: Expr; else: Expr; range: Range }
  | { k: 'op'; op: string; args: Expr[]; range: Range }
  /** A syntax error or a construct we do not model. */
  | { k: 'bad'; range: Range };

export interface Heredoc {
  /** Where the body text starts and ends (the line after `<<EOT`, the start of the closing marker). */
  body: Range;
  /** `<<-EOT`: leading indentation is trimmed. */
  indented: boolean;
}

export interface ObjectItem {
  key: Expr;
  /** The key as written when it is an identifier or a literal string. */
  name?: string;
  value: Expr;
  range: Range;
}

export interface Attribute {
  name: string;
  nameRange: Range;
  value: Expr;
  /** Source text of the value, for messages and verbatim copies. */
  src: string;
  range: Range;
}

export interface Label { value: string; range: Range }

export interface Block {
  type: string;
  typeRange: Range;
  labels: Label[];
  attrs: Attribute[];
  blocks: Block[];
  range: Range;
  /** Range of `{`; undefined when the block has none. */
  open?: Range;
  /** Range of the closing `}`; undefined when it is missing. */
  close?: Range;
}

export interface Body { attrs: Attribute[]; blocks: Block[] }

/** A name Terraform accepts for a resource, data source or variable, so one an expression can
 *  refer to (a label such as `"{current"` is not). */
export const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

export function attrOf(block: Body, name: string): Attribute | undefined {
  const { attrs } = block;
  for (let i = 0; i < attrs.length; i++) if (attrs[i].name === name) return attrs[i];
  return undefined;
}

export function blocksOf(block: Body, type: string): Block[] {
  return block.blocks.filter((b) => b.type === type);
}

/** The dotted path of a static traversal (`aws_vpc.main.id` -> ['aws_vpc','main','id']), or
 *  undefined when it indexes, splats or starts with something other than an identifier. */
export function traversalPath(e: Expr): string[] | undefined {
  if (e.k === 'var') return [e.name];
  if (e.k === 'attr') {
    const head = traversalPath(e.obj);
    return head && [...head, e.name];
  }
  return undefined;
}

/** Copies a tree with every position moved from block-relative to file coordinates. */
export function shiftTree<T>(node: T, line: number, character: number): T {
  return moveTree(node, ORIGIN, { line, character });
}

const ORIGIN: Position = { line: 0, character: 0 };

/** Copies a tree that starts at `from` so that it starts at `to`: every line moves by the same
 *  amount, and characters on the first line by the change of its start's character. Runs for every
 *  block an edit moves, so it avoids per-object key arrays. */
export function moveTree<T>(node: T, from: Position, to: Position): T {
  const lines = to.line - from.line;
  const characters = to.character - from.character;
  if (lines === 0 && characters === 0) return node;
  const visit = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(visit);
    const o = v as Record<string, unknown>;
    if (typeof o.line === 'number' && typeof o.character === 'number' && isPosition(o)) {
      return { line: o.line + lines, character: o.line === from.line ? o.character + characters : o.character };
    }
    const out: Record<string, unknown> = {};
    for (const k in o) out[k] = visit(o[k]);
    return out;
  };
  return visit(node) as T;
}

function isPosition(o: Record<string, unknown>): boolean {
  let n = 0;
  for (const k in o) if (++n > 2 || (k !== 'line' && k !== 'character')) return false;
  return true;
}

const LAZY_KEYS = ['typeRange', 'attrs', 'blocks', 'range', 'open', 'close'] as const;
const unmovedBlocks = new WeakMap<Block, Block>();

/** The block a lazily moved one was made from: the same text, elsewhere. For what does not depend
 *  on positions (an attribute's source text) without moving. */
export function unmoved(block: Block): Block {
  return unmovedBlocks.get(block) ?? block;
}

/** `moveTree` of a block, done when first read: after an edit moves every later block, most are
 *  only asked for their type and labels (their resources are reused). */
export function moveBlockLazily(block: Block, from: Position, to: Position): Block {
  if (from.line === to.line && from.character === to.character) return block;
  const out = { type: block.type, labels: moveTree(block.labels, from, to) } as Block;
  let shifted: Block | undefined;
  for (const key of LAZY_KEYS) {
    if (!(key in block)) continue;
    const settle = (value: unknown) => Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(out, key, {
      enumerable: true, configurable: true,
      get() {
        const value = (shifted ??= moveTree(block, from, to))[key];
        settle(value);
        return value;
      },
      set: settle,
    });
  }
  unmovedBlocks.set(out, block);
  return out;
}
