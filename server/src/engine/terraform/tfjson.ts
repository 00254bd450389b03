// Terraform JSON syntax (`.tf.json`) -> the same AST as HCL, so one resolver and one mapping
// serve both. JSON strings are templates: `${...}` inside them is parsed as an HCL expression.
import type { Loc, ObjVal, Position, Range, Val } from '../model';
import { LineIndex } from '../text';
import { shiftTree, type Attribute, type Block, type Expr, type TemplatePart } from './ast';
import { lowerTop, mirror } from './lower';
import { parseText } from './parser';

/** JSON object keys that are nested blocks, not object-valued arguments (no schema here). */
const NESTED_BLOCKS = new Set([
  'route', 'ingress', 'egress', 'vpc', 'dns_options', 'statement', 'principals', 'not_principals', 'condition',
  'network_configuration', 'vpc_config', 'inline_policy', 'subnet_configuration', 'lifecycle', 'timeouts',
  'required_providers', 'content', 'default_tags', 'assume_role',
]);

export class JsonLowerer {
  private readonly lines: LineIndex;

  constructor(private readonly text: string) { this.lines = new LineIndex(text); }

  /** Blocks of a `.tf.json` document (the parsed root object). */
  blocks(root: Val): Block[] {
    if (root.t !== 'obj') return [];
    const out: Block[] = [];
    for (const top of root.entries) {
      const key = top.key;
      if (key === 'resource' || key === 'data') {
        for (const [typeName, typeVal] of entriesOf(top.value)) {
          for (const [name, body] of entriesOf(typeVal.value)) {
            for (const b of bodies(body.value)) out.push(this.block(key, top.keyLoc, [typeName, name], b));
          }
        }
      } else if (key === 'variable' || key === 'provider' || key === 'module' || key === 'output') {
        for (const [name, body] of entriesOf(top.value)) {
          for (const b of bodies(body.value)) out.push(this.block(key, top.keyLoc, [name], b));
        }
      } else if (key === 'locals' || key === 'terraform') {
        for (const b of bodies(top.value)) out.push(this.block(key, top.keyLoc, [], b));
      }
    }
    return out;
  }

  private block(type: string, typeLoc: Loc, labels: { key: string; keyLoc: Loc }[], body: ObjVal): Block {
    const block: Block = {
      type, typeRange: typeLoc.range,
      labels: labels.map((l) => ({ value: l.key, range: l.keyLoc.range })),
      attrs: [], blocks: [], range: body.loc.range,
      open: charRange(body.loc.range.start), close: charRange(body.loc.range.end, -1),
    };
    for (const e of body.entries) {
      if (e.key === '//') continue;
      if (e.key === 'dynamic') {
        for (const [label, d] of entriesOf(e.value)) for (const b of bodies(d.value)) block.blocks.push(this.block('dynamic', e.keyLoc, [label], b));
      } else if (NESTED_BLOCKS.has(e.key) && (e.value.t === 'obj' || (e.value.t === 'list' && e.value.items.every((i) => i.t === 'obj')))) {
        for (const b of bodies(e.value)) block.blocks.push(this.block(e.key, e.keyLoc, [], b));
      } else block.attrs.push(this.attribute(e.key, e.keyLoc, e.value));
    }
    return block;
  }

  attribute(name: string, nameLoc: Loc, value: Val): Attribute {
    return {
      name, nameRange: nameLoc.range, value: this.expr(value),
      src: this.slice(value.loc.range), range: { start: nameLoc.range.start, end: value.loc.range.end },
    };
  }

  expr(v: Val): Expr {
    const range = v.loc.range;
    switch (v.t) {
      case 'str': return this.template(v.v ?? '', v.parts[0]?.loc.range ?? range, range);
      case 'num': return { k: 'num', value: v.v, range };
      case 'bool': return { k: 'bool', value: v.v, range };
      case 'list': return { k: 'tuple', items: v.items.map((i) => this.expr(i)), range };
      case 'obj': return {
        k: 'object', range,
        items: v.entries.map((e) => ({
          key: { k: 'str', parts: [{ text: e.key, range: e.keyLoc.range }], range: e.keyLoc.range },
          name: e.key, value: this.expr(e.value), range: { start: e.keyLoc.range.start, end: e.value.loc.range.end },
        })),
      };
      case 'unknown': return v.why === 'null' ? { k: 'null', range } : { k: 'bad', range };
      default: return { k: 'bad', range };
    }
  }

  /** A JSON string as an HCL template: the JSON-unescaped value is parsed, and every position in
   *  it is mapped back to the raw text. A literal piece whose raw text has escapes gets `whole`. */
  private template(value: string, content: Range, whole: Range): Expr {
    const raw = this.slice(content);
    if (!value.includes('${') && !value.includes('%{')) return { k: 'str', parts: [{ text: quoteEscaped(value), range: raw === value ? content : whole }], range: whole };
    const base = this.lines.offsetAt(content.start);
    const rawOffsets = decodedToRaw(raw, value.length);
    const pos = (i: number) => (rawOffsets ? this.lines.positionAt(base + rawOffsets[i]) : whole.start);
    const exact = (from: number, to: number): Range => (rawOffsets && rawOffsets[to] - rawOffsets[from] === to - from
      ? { start: pos(from), end: pos(to) } : whole);
    const parts: TemplatePart[] = [];
    let lit = 0;
    let i = 0;
    while (i < value.length) {
      const opener = value.startsWith('${', i) ? '${' : value.startsWith('%{', i) ? '%{' : undefined;
      if (!opener || value[i - 1] === opener[0]) { i++; continue; }
      const close = matchingBrace(value, i + 2);
      if (close < 0) break;
      if (i > lit) parts.push({ text: quoteEscaped(value.slice(lit, i)), range: exact(lit, i) });
      const range = rawOffsets ? { start: pos(i), end: pos(close + 1) } : whole;
      const inner = value.slice(i + 2, close);
      const src = inner.trim();
      if (opener === '%{') parts.push({ directive: value.slice(i, close + 1), range });
      else {
        const from = i + 2 + inner.indexOf(src);
        const expr = parseRelative(src);
        parts.push({ expr: rawOffsets ? mapPositions(expr, src, (o) => pos(from + o)) : mapPositions(expr, src, () => whole.start), src, range });
      }
      i = lit = close + 1;
    }
    if (lit < value.length) parts.push({ text: quoteEscaped(value.slice(lit)), range: exact(lit, value.length) });
    if (!rawOffsets) return { k: 'str', parts: parts.map((p) => ({ ...p, range: whole })), range: whole };
    return { k: 'str', parts, range: whole };
  }

  private slice(r: Range): string {
    return this.text.slice(this.lines.offsetAt(r.start), this.lines.offsetAt(r.end));
  }
}

function matchingBrace(s: string, from: number): number {
  let depth = 1;
  let quote = false;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (quote) { if (c === '\\') i++; else if (c === '"') quote = false; continue; }
    if (c === '"') quote = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Template literal text as the evaluator reads literal pieces (HCL quoted-string escapes): JSON
 *  template text has no backslash escapes of its own, so backslashes are doubled; `$${` stays. */
function quoteEscaped(text: string): string {
  return text.replace(/\\/g, '\\\\');
}

/** For each UTF-16 unit of a JSON string's decoded value, the offset in the raw text (between the
 *  quotes) where it starts, plus the raw length at the end; undefined when they do not line up. */
function decodedToRaw(raw: string, decodedLength: number): number[] | undefined {
  const out: number[] = [];
  for (let i = 0; i < raw.length;) {
    out.push(i);
    if (raw[i] !== '\\') i++;
    else if (raw[i + 1] === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6))) i += 6;
    else i += 2;
  }
  out.push(raw.length);
  return out.length === decodedLength + 1 ? out : undefined;
}

/** Copies an expression parsed from `src` at (0,0), moving every position through `at(offset)`. */
function mapPositions(expr: Expr, src: string, at: (offset: number) => Position): Expr {
  const lines = new LineIndex(src);
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (v === null || typeof v !== 'object') return v;
    const o = v as Record<string, unknown>;
    if (typeof o.line === 'number' && typeof o.character === 'number' && Object.keys(o).length === 2) {
      return at(Math.min(src.length, lines.offsetAt(o as unknown as Position)));
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) out[k] = visit(o[k]);
    return out;
  };
  return visit(expr) as Expr;
}

/** Generated `.tf.json` repeats the same few expressions hundreds of times: parse each once. */
const parsed = new Map<string, Expr>();
const MAX_PARSED = 4096;

function parseRelative(src: string): Expr {
  let expr = parsed.get(src);
  if (!expr) {
    expr = parseExpression(src, { line: 0, character: 0 });
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(src, expr);
  }
  return expr;
}

/** Parses one HCL expression written at `origin` (inside a JSON string). */
export function parseExpression(src: string, origin: Position): Expr {
  const snippet = `_=${src}\n`;
  const tree = parseText(snippet);
  try {
    const cursor = tree.walk();
    const lowered = lowerTop(mirror(cursor, 0), snippet, undefined, 0, tree.rootNode.hasError);
    cursor.delete();
    const attr = lowered.attrs[0];
    const expr: Expr = attr && !lowered.problems.length ? attr.value : { k: 'bad', range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 + src.length } } };
    return shiftTree(expr, origin.line, origin.character - 2);
  } finally {
    tree.delete();
  }
}

function entriesOf(v: Val): [{ key: string; keyLoc: Loc }, { value: Val }][] {
  if (v.t !== 'obj') return [];
  return v.entries.map((e) => [{ key: e.key, keyLoc: e.keyLoc }, { value: e.value }]);
}

/** A block body written as an object, or several as an array of objects. */
function bodies(v: Val): ObjVal[] {
  if (v.t === 'obj') return [v];
  if (v.t === 'list') return v.items.filter((i): i is ObjVal => i.t === 'obj');
  return [];
}

function charRange(p: Position, delta = 0): Range {
  const start = { line: p.line, character: Math.max(0, p.character + delta) };
  return { start, end: { line: start.line, character: start.character + 1 } };
}
