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

  /** A JSON string as an HCL template. Positions inside are exact when the string has no escapes. */
  private template(value: string, content: Range, whole: Range): Expr {
    const raw = this.slice(content);
    if (!value.includes('${') && !value.includes('%{')) return { k: 'str', parts: [{ text: value, range: content }], range: whole };
    if (raw !== value) return { k: 'bad', range: whole };
    const base = this.lines.offsetAt(content.start);
    const parts: TemplatePart[] = [];
    const pos = (i: number) => this.lines.positionAt(base + i);
    let lit = 0;
    let i = 0;
    while (i < raw.length) {
      const opener = raw.startsWith('${', i) ? '${' : raw.startsWith('%{', i) ? '%{' : undefined;
      if (!opener || raw[i - 1] === opener[0]) { i++; continue; }
      const close = matchingBrace(raw, i + 2);
      if (close < 0) break;
      if (i > lit) parts.push({ text: raw.slice(lit, i).replace(/\$\$\{/g, '${'), range: { start: pos(lit), end: pos(i) } });
      const range = { start: pos(i), end: pos(close + 1) };
      const src = raw.slice(i + 2, close).trim();
      if (opener === '%{') parts.push({ directive: raw.slice(i, close + 1), range });
      else parts.push({ expr: parseExpression(src, pos(i + 2 + raw.slice(i + 2, close).indexOf(src))), src, range });
      i = lit = close + 1;
    }
    if (lit < raw.length) parts.push({ text: raw.slice(lit).replace(/\$\$\{/g, '${'), range: { start: pos(lit), end: pos(raw.length) } });
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

/** Parses one HCL expression written at `origin` (inside a JSON string). */
export function parseExpression(src: string, origin: Position): Expr {
  const snippet = `_=${src}\n`;
  const tree = parseText(snippet);
  try {
    const cursor = tree.walk();
    const lowered = lowerTop(mirror(cursor, 0), snippet);
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
