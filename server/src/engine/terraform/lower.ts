// Lowers one top-level tree-sitter node into the plain AST of ast.ts. Positions are relative to
// the node's own text, so the result can be cached by that text and reused wherever it moves.
import type { TreeCursor } from 'web-tree-sitter';
import type { Range } from '../model';
import { LineIndex } from '../text';
import { typeIsNamed, typeName } from './parser';
import type { Attribute, Block, Expr, Label, ObjectItem, TemplatePart } from './ast';
import { lookupTable } from '../collections';

/** A JavaScript copy of a tree-sitter node: one pass over the wasm boundary, then plain objects. */
export interface Cst { type: string; named: boolean; missing: boolean; start: number; end: number; children: Cst[] }

export interface SyntaxProblem { range: Range; message: string }

export interface Lowered {
  blocks: Block[];
  attrs: Attribute[];
  problems: SyntaxProblem[];
}

/** Syntax nested deeper than this is kept as one opaque node (no recursion without bound). */
const MAX_NESTING = 300;
const TOO_DEEP = 'too_deep';

/** Copies the cursor's current node and its descendants; offsets relative to `base`. Every cursor
 *  question crosses the wasm boundary, so each node asks only for its type id (name and namedness
 *  come from the grammar's tables), a leaf for its offsets (below the first node, a parent in a
 *  subtree without errors spans from its first child's start to its last child's end), and for
 *  `missing` only inside subtrees with errors. */
export function mirror(cursor: TreeCursor, base: number, hasErrors = cursor.currentNode.hasError, depth = 0): Cst {
  const typeId = cursor.nodeTypeId;
  const node: Cst = {
    type: typeName(typeId), named: typeIsNamed(typeId), missing: hasErrors && cursor.nodeIsMissing,
    start: 0, end: 0, children: [],
  };
  if (depth < MAX_NESTING && cursor.gotoFirstChild()) {
    do node.children.push(mirror(cursor, base, hasErrors, depth + 1)); while (cursor.gotoNextSibling());
    cursor.gotoParent();
    // Not for the root (it also spans the whitespace after its last child) nor in a subtree with
    // errors (a node there may also span skipped text that is no child).
    if (depth > 0 && !hasErrors) {
      node.start = node.children[0].start;
      node.end = node.children[node.children.length - 1].end;
      return node;
    }
  }
  node.start = cursor.startIndex - base;
  node.end = cursor.endIndex - base;
  if (depth >= MAX_NESTING) return { ...node, type: TOO_DEEP, named: true, missing: false, children: [] };
  return node;
}

const TOP_LEVEL = new Set(['resource', 'data', 'variable', 'locals', 'provider', 'module', 'output', 'terraform',
  'moved', 'import', 'check', 'removed']);

const CLOSERS = lookupTable<string>({
  block_end: '}', object_end: '}', tuple_end: ']', quoted_template_end: '"', template_interpolation_end: '}',
  template_directive_end: '}', ')': ')', '}': '}', ']': ']', '"': '"',
});

class Lowerer {
  readonly problems: SyntaxProblem[] = [];

  /** Positions come from `lines` at `base` plus the CST's offsets. */
  constructor(private readonly src: string, private readonly lines: LineIndex, private readonly base: number) {}

  range(n: { start: number; end: number }): Range {
    return { start: this.lines.positionAt(this.base + n.start), end: this.lines.positionAt(this.base + n.end) };
  }
  text(n: Cst): string { return this.src.slice(n.start, n.end); }

  /** Reports ERROR and MISSING nodes under `n` that lowering skips. */
  scanErrors(n: Cst): void {
    if (n.type === TOO_DEEP) {
      this.problems.push({ range: this.range({ start: n.start, end: n.start }), message: 'Nested too deeply: the rest of this expression is not analysed.' });
      return;
    }
    if (n.type === 'ERROR') { this.errorAt(n); return; }
    if (n.missing) { this.missing(n); return; }
    for (const c of n.children) this.scanErrors(c);
  }

  /** Reports the ERROR and MISSING nodes that no problem covers yet: lowering steps over some
   *  broken nodes (a tuple missing a comma: `[a "b"]`), and every error must show. */
  reportUncovered(n: Cst): void {
    // A block's missing `}` is reported at its header, where the block starts.
    if (n.type === 'block_end') return;
    if (n.type === 'ERROR' || n.missing) {
      const r = this.range(n);
      if (!this.problems.some((p) => !before(p.range.end, r.start) && !before(r.end, p.range.start))) this.scanErrors(n);
      return;
    }
    for (const c of n.children) this.reportUncovered(c);
  }

  errorAt(n: Cst): void {
    const token = firstToken(n) ?? n;
    const shown = this.text(token).split(/\s/)[0].slice(0, 30);
    const end = Math.min(n.end, token.end || n.end);
    this.problems.push({
      range: this.range({ start: token.start, end: Math.max(end, token.start) }),
      message: shown ? `Syntax error: unexpected \`${shown}\`` : 'Syntax error',
    });
  }

  missing(n: Cst): void {
    const what = CLOSERS[n.type] ?? n.type;
    this.problems.push({ range: this.range(n), message: `Missing \`${what}\`` });
  }

  top(n: Cst, out: Lowered): void {
    if (n.type === 'block') {
      const b = this.block(n);
      if (b) this.hoist(b, out);
    } else if (n.type === 'attribute') {
      const a = this.attribute(n);
      if (a) out.attrs.push(a);
    } else if (n.type === 'body' || n.type === 'config_file') {
      for (const c of n.children) this.top(c, out);
    } else if (n.type === 'ERROR') {
      // A body or block that survived inside the error still counts.
      this.errorAt(n);
      for (const c of n.children) if (c.type === 'block' || c.type === 'body' || c.type === 'attribute') this.top(c, out);
    } else if (n.missing) this.missing(n);
    else if (n.type !== 'comment' && n.named) this.scanErrors(n);
  }

  /** A block left open swallows the blocks after it: give top-level ones back to the file. */
  private hoist(b: Block, out: Lowered): void {
    out.blocks.push(b);
    if (b.close || !TOP_LEVEL.has(b.type)) return;
    const inner = b.blocks.filter((x) => TOP_LEVEL.has(x.type));
    if (!inner.length) return;
    b.blocks = b.blocks.filter((x) => !TOP_LEVEL.has(x.type));
    // The open block's extent ends where the first swallowed block starts.
    const firstInner = inner[0].range.start;
    b.attrs = b.attrs.filter((a) => before(a.range.start, firstInner));
    b.range = { start: b.range.start, end: firstInner };
    for (const x of inner) this.hoist(x, out);
  }

  block(n: Cst): Block | undefined {
    const kids = n.children;
    const typeNode = kids.find((c) => c.type === 'identifier');
    if (!typeNode) { this.scanErrors(n); return undefined; }
    const labels: Label[] = [];
    let open: Range | undefined;
    let openEnd = typeNode.end;
    let close: Range | undefined;
    let body: Cst | undefined;
    for (const c of kids) {
      if (c === typeNode) continue;
      if (c.type === 'string_lit') labels.push(this.label(c));
      else if (c.type === 'identifier') labels.push({ value: this.text(c), range: this.range(c) });
      else if (c.type === 'block_start') { open = this.range(c); openEnd = c.end; }
      else if (c.type === 'body') body = c;
      else if (c.type === 'block_end') {
        if (c.missing || c.end === c.start) {
          this.problems.push({
            range: this.range({ start: n.start, end: openEnd }),
            message: `Missing \`}\` to close this \`${this.text(typeNode)}\` block`,
          });
        } else close = this.range(c);
      } else if (c.type === 'ERROR' || c.missing) this.scanErrors(c);
    }
    const block: Block = {
      type: this.text(typeNode), typeRange: this.range(typeNode), labels, attrs: [], blocks: [],
      range: this.range(n), open, close,
    };
    if (body) {
      for (const c of body.children) {
        if (c.type === 'attribute') {
          const a = this.attribute(c);
          if (a) block.attrs.push(a);
        } else if (c.type === 'block') {
          const b = this.block(c);
          if (b) block.blocks.push(b);
        } else if (c.type !== 'comment') this.scanErrors(c);
      }
    }
    return block;
  }

  private label(n: Cst): Label {
    const lit = n.children.find((c) => c.type === 'template_literal');
    const startQuote = n.children.find((c) => c.type === 'quoted_template_start');
    const contentStart = lit ? lit.start : startQuote ? startQuote.end : n.start;
    const contentEnd = lit ? lit.end : contentStart;
    if (n.children.some((c) => c.missing)) this.scanErrors(n);
    return { value: this.src.slice(contentStart, contentEnd), range: this.range({ start: contentStart, end: contentEnd }) };
  }

  attribute(n: Cst): Attribute | undefined {
    const name = n.children.find((c) => c.type === 'identifier');
    const value = n.children.find((c) => c.type === 'expression');
    if (!name) { this.scanErrors(n); return undefined; }
    for (const c of n.children) if (c.type === 'ERROR' || c.missing) this.scanErrors(c);
    const expr: Expr = value ? this.expr(value) : { k: 'bad', range: this.range({ start: name.end, end: n.end }) };
    return {
      name: this.text(name), nameRange: this.range(name), value: expr,
      src: value ? this.text(value) : '', range: this.range(n),
    };
  }

  expr(n: Cst): Expr {
    const named = n.children.filter((c) => c.named && c.type !== 'comment');
    if (n.type !== 'expression') return this.primary(n);
    if (n.children[0]?.type === '(') {
      // Parenthesised: keep the inner expression but widen its range to the parentheses.
      const inner = named.find((c) => c.type === 'expression');
      return inner ? { ...this.expr(inner), range: this.range(n) } : this.bad(n);
    }
    if (!named.length) return this.bad(n);
    let e = this.primary(named[0]);
    for (const op of named.slice(1)) e = this.postfix(e, op, n.start);
    return e;
  }

  private postfix(obj: Expr, op: Cst, exprStart: number): Expr {
    const range = this.range({ start: exprStart, end: op.end });
    if (op.type === 'get_attr') {
      const id = op.children.find((c) => c.type === 'identifier');
      return id ? { k: 'attr', obj, name: this.text(id), range } : this.bad(op);
    }
    if (op.type === 'index') {
      const idx = op.children[0];
      if (idx?.type === 'new_index') {
        const key = idx.children.find((c) => c.type === 'expression');
        return key ? { k: 'index', obj, key: this.expr(key), range } : this.bad(op);
      }
      if (idx?.type === 'legacy_index') {
        const digits = this.text(idx).replace(/^\./, '');
        return { k: 'index', obj, key: { k: 'num', value: Number(digits), range: this.range(idx) }, range };
      }
      return this.bad(op);
    }
    if (op.type === 'splat') {
      const s = op.children[0];
      let each: Expr = { k: 'var', name: '', range: this.range({ start: s.start, end: s.start }) };
      for (const c of s.children) if (c.named) each = this.postfix(each, c, s.start);
      return { k: 'splat', obj, each, range };
    }
    this.scanErrors(op);
    return this.bad(op);
  }

  private primary(n: Cst): Expr {
    const range = this.range(n);
    const named = n.children.filter((c) => c.named && c.type !== 'comment');
    switch (n.type) {
      case 'expression': return this.expr(n);
      case 'literal_value': return named[0] ? this.primary(named[0]) : this.bad(n);
      case 'numeric_lit': return { k: 'num', value: Number(this.text(n)), range };
      case 'bool_lit': return { k: 'bool', value: this.text(n) === 'true', range };
      case 'null_lit': return { k: 'null', range };
      case 'string_lit': case 'quoted_template': return this.template(n, false);
      case 'template_expr': return named[0] ? this.template(named[0], named[0].type === 'heredoc_template') : this.bad(n);
      case 'collection_value': return named[0] ? this.primary(named[0]) : this.bad(n);
      case 'variable_expr': return { k: 'var', name: this.text(n), range };
      case 'tuple': return { k: 'tuple', items: named.filter((c) => c.type === 'expression').map((c) => this.expr(c)), range };
      case 'object': return { k: 'object', items: named.filter((c) => c.type === 'object_elem').map((c) => this.objectItem(c)), range };
      case 'function_call': {
        const id = named.find((c) => c.type === 'identifier');
        const args = named.find((c) => c.type === 'function_arguments');
        const argExprs = args ? args.children.filter((c) => c.type === 'expression').map((c) => this.expr(c)) : [];
        const expand = !!args?.children.some((c) => c.type === 'ellipsis');
        if (n.children.some((c) => c.missing || c.type === 'ERROR')) this.scanErrors(n);
        return id ? { k: 'call', name: this.text(id), args: argExprs, expand, range } : this.bad(n);
      }
      case 'for_expr': return named[0] ? this.forExpr(named[0]) : this.bad(n);
      case 'conditional': {
        const parts = named.filter((c) => c.type === 'expression').map((c) => this.expr(c));
        return parts.length === 3 ? { k: 'cond', test: parts[0], then: parts[1], else: parts[2], range } : this.bad(n);
      }
      case 'operation': return named[0] ? this.primary(named[0]) : this.bad(n);
      case 'binary_operation': case 'unary_operation': {
        const opTok = n.children.find((c) => !c.named);
        const args = named.map((c) => this.primary(c));
        return opTok ? { k: 'op', op: this.text(opTok), args, range } : this.bad(n);
      }
      default:
        this.scanErrors(n);
        return this.bad(n);
    }
  }

  private objectItem(n: Cst): ObjectItem {
    const exprs = n.children.filter((c) => c.type === 'expression');
    const key = exprs[0] ? this.expr(exprs[0]) : this.bad(n);
    const value = exprs[1] ? this.expr(exprs[1]) : this.bad(n);
    if (n.children.some((c) => c.missing || c.type === 'ERROR')) this.scanErrors(n);
    let name: string | undefined;
    if (key.k === 'var') name = key.name;
    else if (key.k === 'str' && key.parts.every((p) => 'text' in p)) name = key.parts.map((p) => unescapeQuoted((p as { text: string }).text)).join('');
    return { key, name, value, range: this.range(n) };
  }

  private forExpr(n: Cst): Expr {
    const intro = n.children.find((c) => c.type === 'for_intro');
    if (!intro) return this.bad(n);
    const ids = intro.children.filter((c) => c.type === 'identifier').map((c) => this.text(c));
    const collNode = intro.children.find((c) => c.type === 'expression');
    const exprs = n.children.filter((c) => c.type === 'expression').map((c) => this.expr(c));
    const condNode = n.children.find((c) => c.type === 'for_cond')?.children.find((c) => c.type === 'expression');
    const isObject = n.type === 'for_object_expr';
    if (!collNode || !ids.length || exprs.length < (isObject ? 2 : 1)) return this.bad(n);
    return {
      k: 'for', keyVar: ids.length > 1 ? ids[0] : undefined, valVar: ids[ids.length - 1], coll: this.expr(collNode),
      keyExpr: isObject ? exprs[0] : undefined, valExpr: isObject ? exprs[1] : exprs[0],
      cond: condNode ? this.expr(condNode) : undefined, isObject, range: this.range(n),
    };
  }

  private template(n: Cst, heredoc: boolean): Expr {
    const parts: TemplatePart[] = [];
    for (const c of n.children) {
      if (c.type === 'template_literal') {
        const prev = parts[parts.length - 1];
        if (prev && 'text' in prev && prev.range.end.line === this.range(c).start.line
          && prev.range.end.character === this.range(c).start.character) {
          parts[parts.length - 1] = { text: prev.text + this.text(c), range: { start: prev.range.start, end: this.range(c).end } };
        } else parts.push({ text: this.text(c), range: this.range(c) });
      } else if (c.type === 'template_interpolation') {
        const inner = c.children.find((x) => x.type === 'expression');
        if (inner) parts.push({ expr: this.expr(inner), src: this.text(inner), range: this.range(c) });
        else parts.push({ directive: this.text(c), range: this.range(c) });
        if (c.children.some((x) => x.missing || x.type === 'ERROR')) this.scanErrors(c);
      } else if (c.type === 'template_directive') parts.push({ directive: this.text(c), range: this.range(c) });
      else if (c.missing || c.type === 'ERROR') this.scanErrors(c);
    }
    if (!heredoc) {
      if (!parts.length) {
        // `""`: one empty literal part between the quotes.
        const open = n.children.find((c) => c.type === 'quoted_template_start');
        const at = open ? open.end : n.start;
        parts.push({ text: '', range: this.range({ start: at, end: at }) });
      }
      return { k: 'str', parts, range: this.range(n) };
    }
    const markers = n.children.filter((c) => c.type === 'heredoc_identifier');
    const startTok = n.children.find((c) => c.type === 'heredoc_start');
    const firstMarker = markers[0];
    const bodyStartOffset = firstMarker ? this.src.indexOf('\n', firstMarker.end) + 1 : n.end;
    const closing = markers.length > 1 ? markers[markers.length - 1] : undefined;
    const bodyEndOffset = closing ? closing.start : n.end;
    return {
      k: 'str', parts, range: this.range(n),
      heredoc: {
        body: this.range({ start: bodyStartOffset || n.end, end: Math.max(bodyStartOffset || n.end, bodyEndOffset) }),
        indented: !!startTok && this.text(startTok).includes('-'),
      },
    };
  }

  private bad(n: Cst): Expr {
    this.scanErrors(n);
    return { k: 'bad', range: this.range(n) };
  }
}

function firstToken(n: Cst): Cst | undefined {
  for (const c of n.children) {
    if (!c.children.length && c.end > c.start) return c;
    const t = firstToken(c);
    if (t) return t;
  }
  return undefined;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Lowers one top-level node (block, attribute, error) whose text is `src`; the CST's offsets are
 *  relative to `src`. Positions are relative to `src` too, unless the index of the text `src` was
 *  taken from and the offset it starts at are given. */
export function lowerTop(cst: Cst, src: string, lines = new LineIndex(src), base = 0, hasErrors = false): Lowered {
  const l = new Lowerer(src, lines, base);
  const out: Lowered = { blocks: [], attrs: [], problems: l.problems };
  l.top(cst, out);
  if (hasErrors) l.reportUncovered(cst);
  return out;
}

const ESCAPES = lookupTable<string>({ n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' });

/** The value of a quoted-string literal chunk: HCL escapes and `$${` / `%%{`. */
export function unescapeQuoted(text: string): string {
  if (!text.includes('\\') && !text.includes('$${') && !text.includes('%%{')) return text;
  return text.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)|\$\$\{|%%\{/g, (m, esc: string | undefined) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    if (!esc) return m;
    if (esc.length > 1) {
      // `\u` or `\U` and their hex digits; a code point past Unicode's last stays as written.
      const code = parseInt(esc.slice(1), 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ESCAPES[esc] ?? esc;
  });
}
