// Fixes in HCL: canonical properties map back to Terraform attributes; values are rendered as HCL;
// new attributes go at the end of the block body with the body's indentation.
import {
  REGION, type Editor, type Loc, type NewResource, type NewValue, type ObjVal, type Policy, type Position, type Range,
  type Resource, type ResourceKind, type Statement, type TextEdit, type Val,
} from '../model';
import { jsonEditor } from '../cloudformation/jsonEditor';
import type { LineIndex } from '../text';
import { attrOf, blocksOf, type Attribute, type Block } from './ast';
import { readAfterError } from './cache';
import { TYPES, type PropMap } from './mapping';

export interface EditorContext {
  textOf(path: string): string | undefined;
  /** The line index of a file's text (the one its findings share). */
  linesOf(path: string): LineIndex | undefined;
  /** Every block of a file (top level), from the scope's syntax. */
  blocksOf(path: string): Block[];
  /** Where the file's syntax errors are. */
  problemsOf(path: string): Range[];
  /** `type.name` of every resource block in the module. */
  resourceNames: Set<string>;
  /** `data.aws_region.current.region|name` to use (and declare) when the module has no region expression. */
  fallbackRegionExpr: string;
}

/** Canonical kind -> the resource type a new block gets. */
const NEW_TYPE: Partial<Record<ResourceKind, string>> = {
  sg_ingress: 'aws_vpc_security_group_ingress_rule', route: 'aws_route', workload: 'aws_instance',
};
/** Canonical properties holding lists (written as `[...]` unless the attribute takes one value). */
const LIST_PROPS = new Set(['subnets', 'security_groups', 'route_tables', 'cidrs', 'source_sgs', 'vpcs']);
/** Canonical properties that hold a JSON document: an object is written through `jsonencode`. */
const JSON_PROPS = new Set(['policy']);

export function terraformEditor(ctx: EditorContext): Editor {
  const lines = ctx.linesOf;

  /** Blocks by file and range, built once per file: fixes are computed for every finding. */
  const blockIndex = new Map<string, Map<string, Block>>();
  const rangeKey = (r: Range) => `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}`;
  const blockAt = (loc: Loc): Block | undefined => {
    let index = blockIndex.get(loc.file);
    if (!index) {
      const built = new Map<string, Block>();
      const add = (bs: Block[]) => { for (const b of bs) { if (!built.has(rangeKey(b.range))) built.set(rangeKey(b.range), b); add(b.blocks); } };
      add(ctx.blocksOf(loc.file));
      blockIndex.set(loc.file, index = built);
    }
    return index.get(rangeKey(loc.range));
  };

  /** The top-level block holding `range` reads without syntax errors, and not only because the
   *  parser started over after an error before it: the parser's recovery around an error is not
   *  local, so text edited near one may be read quite differently. */
  const readsCleanly = (file: string, range: Range): boolean => {
    const top = topBlockAt(ctx.blocksOf(file), range);
    return !!top?.close && !readAfterError(top) && !ctx.problemsOf(file).some((p) => contains(top.range, p) || cmp(p.start, top.range.end) === 0);
  };

  const propMap = (res: Resource, prop: string): PropMap | { prop: string; block: string } | undefined => {
    const spec = TYPES[res.nativeType];
    if (!spec) return undefined;
    const props = res.parent ? spec.children?.props ?? [] : spec.props;
    return props.find((p) => p.prop === prop) ?? (res.parent ? undefined : spec.objects?.find((o) => o.prop === prop));
  };

  const regionExprOf = (res: Resource | undefined): { expr: string; declare: boolean } =>
    res?.region.expr ? { expr: res.region.expr, declare: false } : { expr: ctx.fallbackRegionExpr, declare: true };

  /** `res` is the resource whose region a region template means (none inside policies). */
  const render = (v: NewValue, res: Resource | undefined, indent: string, needs: { dataRegion: boolean }): string => {
    if ('bool' in v) return String(v.bool);
    if ('num' in v) return String(v.num);
    if ('str' in v) return hclString(v.str);
    if ('raw' in v) return v.raw;
    if ('refs' in v) return v.refs.length === 1 ? refExpr(v.refs[0]) : `[${v.refs.map(refExpr).join(', ')}]`;
    if ('list' in v) return `[${v.list.map((i) => render(i, res, indent, needs)).join(', ')}]`;
    if ('regionTemplate' in v) {
      const r = regionExprOf(res);
      if (r.declare) needs.dataRegion = true;
      return `"${v.regionTemplate.map((p) => (p === REGION ? `\${${r.expr}}` : hclString(p).slice(1, -1))).join('')}"`;
    }
    const inner = `${indent}  `;
    const entries = alignEntries(Object.entries(v.obj).map(([k, x]) => `${hclKey(k)} = ${render(x, res, inner, needs)}`));
    return `{\n${entries.map((e) => inner + e).join('\n')}\n${indent}}`;
  };

  /** `refs` of one item for a list property still need brackets. */
  const renderProp = (v: NewValue, prop: string, one: boolean, res: Resource, indent: string, needs: { dataRegion: boolean }): string => {
    if ('refs' in v && LIST_PROPS.has(prop) && !one) return `[${v.refs.map(refExpr).join(', ')}]`;
    if ('refs' in v && one) return refExpr(v.refs[0]);
    if ('list' in v && one && v.list.length === 1) return render(v.list[0], res, indent, needs);
    if ('obj' in v && JSON_PROPS.has(prop)) return `jsonencode(${render(v, res, indent, needs)})`;
    return render(v, res, indent, needs);
  };

  const dataRegionEdit = (res: Resource): TextEdit[] => {
    const file = res.loc.file;
    const text = ctx.textOf(file);
    const li = lines(file);
    if (text === undefined || !li) return [];
    const name = /^data\.aws_region\.([\w-]+)\./.exec(ctx.fallbackRegionExpr)?.[1] ?? 'current';
    const top = topBlockAt(ctx.blocksOf(file), res.loc.range);
    const at = top ? top.range.start : { line: 0, character: 0 };
    return [{ file, range: { start: at, end: at }, newText: `data "aws_region" "${name}" {}\n\n` }];
  };

  /** Adds entries at the end of a block body, `=` aligned with the attribute lines just above
   *  when those are aligned as `terraform fmt` leaves them (realigning them if a new key is longer). */
  const insertIntoBlock = (file: string, block: Block, newLines: string[]): TextEdit[] => {
    const text = ctx.textOf(file);
    const li = lines(file);
    if (text === undefined || !li || !block.close || !block.open) return [];
    const braceLine = lineText(text, li, block.close.start.line);
    const braceIndent = /^\s*/.exec(braceLine)![0];
    const first = [...block.attrs, ...block.blocks].sort((a, b) => cmp(a.range.start, b.range.start))[0];
    const multiLine = block.open.start.line !== block.close.start.line;
    const indent = first && first.range.start.line !== block.open.start.line
      ? /^\s*/.exec(lineText(text, li, first.range.start.line))![0] : `${braceIndent}  `;
    const closeOnOwnLine = braceLine.slice(0, block.close.start.character).trim() === '';
    const run = multiLine && closeOnOwnLine ? alignedRunAbove(text, li, block.close.start.line, indent) : undefined;
    const width = run ? Math.max(0, ...run.map((r) => r.key.length)) : 0;
    const aligned = alignEntries(newLines, width);
    const body = indentLines(aligned, indent);
    if (multiLine && closeOnOwnLine) {
      const at = { line: block.close.start.line, character: 0 };
      const start = ATTR.exec(aligned[0] ?? '');
      const grown = start ? start[0].length - 2 : 0;
      // A longer new key moves the `=` of the whole run, as `terraform fmt` would.
      const realign = run && grown > width ? run.map((r) => ({
        file, range: { start: { line: r.line, character: r.keyEnd }, end: { line: r.line, character: r.eq } }, newText: ' '.repeat(grown - r.key.length + 1),
      })) : [];
      return [...realign, { file, range: { start: at, end: at }, newText: `${body}\n` }];
    }
    // `{}` / `{ a = 1 }` / `x }`: the body must start on its own line.
    const edits: TextEdit[] = [];
    const openEnd = li.offsetAt(block.open.end);
    const closeStart = li.offsetAt(block.close.start);
    const inner = text.slice(openEnd, closeStart);
    if (!multiLine && inner.trim()) {
      const lead = inner.length - inner.trimStart().length;
      edits.push({ file, range: { start: block.open.end, end: li.positionAt(openEnd + lead) }, newText: `\n${indent}` });
    }
    const trail = inner.length - inner.trimEnd().length;
    edits.push({ file, range: { start: li.positionAt(closeStart - trail), end: block.close.start }, newText: `\n${body}\n${braceIndent}` });
    return edits;
  };

  const removeRange = (file: string, range: Range): TextEdit[] => {
    const text = ctx.textOf(file);
    const li = lines(file);
    if (text === undefined || !li) return [];
    const start = li.offsetAt(range.start);
    const end = li.offsetAt(range.end);
    const lineStart = li.offsetAt({ line: range.start.line, character: 0 });
    const newline = text.indexOf('\n', end);
    const nextLine = newline === -1 ? text.length : newline + 1;
    const before = text.slice(lineStart, start);
    const after = text.slice(end, nextLine);
    const aloneBefore = before.trim() === '';
    const afterCode = after.replace(/\r?\n$/, '').replace(/\s*(#|\/\/).*$/, '').trim();
    if (aloneBefore && (afterCode === '' || afterCode === ',')) {
      return [{ file, range: { start: li.positionAt(lineStart), end: li.positionAt(nextLine) }, newText: '' }];
    }
    const comma = /^\s*,\s?/.exec(after)?.[0].length ?? 0;
    return [{ file, range: { start: range.start, end: li.positionAt(end + comma) }, newText: '' }];
  };

  /** Several properties of one block: values written in place, new attributes added together
   *  (one aligned run, one new nested block per name). */
  const setProps = (res: Resource, values: [string, NewValue][]): TextEdit[] => {
    const block = blockAt(res.loc);
    if (!block || !values.length || !readsCleanly(res.loc.file, res.loc.range)) return [];
    const file = res.loc.file;
    const needs = { dataRegion: false };
    const edits: TextEdit[] = [];
    const added: string[] = [];
    const nestedAdded = new Map<string, string[]>();
    for (const [prop, value] of values) {
      const map = propMap(res, prop);
      if (!map) return [];
      if ('block' in map) {
        if (!('obj' in value)) return [];
        const existing = blocksOf(block, map.block)[0];
        if (existing) edits.push(...removeRange(file, existing.range));
        added.push(renderBlock(map.block, value.obj, (v, ind) => render(v, res, ind, needs)));
        continue;
      }
      const path = map.attr.split('.');
      const one = !!map.one;
      const present = res.props[prop] !== undefined && !res.defaulted?.includes(prop);
      const current = present ? findAttr(block, path) : undefined;
      if (current) {
        const ind = indentAt(ctx.textOf(file), lines(file), current.range.start.line);
        edits.push({ file, range: current.value.range, newText: renderProp(value, prop, one, res, ind, needs) });
      } else if (path.length === 2) {
        nestedAdded.set(path[0], [...(nestedAdded.get(path[0]) ?? []), `${path[1]} = ${renderProp(value, prop, one, res, '', needs)}`]);
      } else {
        added.push(`${path[0]} = ${renderProp(value, prop, one, res, '', needs)}`);
      }
    }
    for (const [name, entries] of nestedAdded) {
      const nested = blocksOf(block, name)[0];
      if (nested) {
        const into = insertIntoBlock(file, nested, entries);
        if (!into.length) return [];
        edits.push(...into);
      } else {
        added.push(`${name} {\n${indentLines(alignEntries(entries), '  ')}\n}`);
      }
    }
    if (added.length) {
      const into = insertIntoBlock(file, block, added);
      if (!into.length) return [];
      edits.push(...into);
    }
    return needs.dataRegion ? [...dataRegionEdit(res), ...edits] : edits;
  };

  const removeProp = (res: Resource, prop: string): TextEdit[] => {
    const map = propMap(res, prop);
    const block = blockAt(res.loc);
    if (!map || !block || !readsCleanly(res.loc.file, res.loc.range)) return [];
    const target = 'block' in map ? blocksOf(block, map.block)[0] : findAttr(block, map.attr.split('.'));
    return target ? removeRange(res.loc.file, target.range) : [];
  };

  const insertResource = (after: Resource, res: NewResource): TextEdit[] => {
    const type = NEW_TYPE[res.kind] ?? Object.keys(TYPES).find((t) => TYPES[t].kind === res.kind);
    const file = after.loc.file;
    const top = topBlockAt(ctx.blocksOf(file), after.loc.range);
    if (!type || !top || !readsCleanly(file, top.range)) return [];
    const spec = TYPES[type];
    let name = res.name.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^([^A-Za-z_])/, '_$1') || 'new';
    for (let i = 2; ctx.resourceNames.has(`${type}.${name}`); i++) name = `${res.name.replace(/[^A-Za-z0-9_-]/g, '_')}_${i}`;
    const needs = { dataRegion: false };
    const bodyLines: string[] = [];
    const nested = new Map<string, string[]>();
    for (const [prop, v] of Object.entries(res.props)) {
      const m = spec.props.find((p) => p.prop === prop);
      const o = spec.objects?.find((x) => x.prop === prop);
      if (o && 'obj' in v) { bodyLines.push(renderBlock(o.block, v.obj, (x, ind) => render(x, after, ind, needs))); continue; }
      if (!m) continue;
      const path = m.attr.split('.');
      const line = `${path[path.length - 1]} = ${renderProp(v, prop, !!m.one, after, '', needs)}`;
      if (path.length === 2) nested.set(path[0], [...(nested.get(path[0]) ?? []), line]);
      else bodyLines.push(line);
    }
    for (const [b, ls] of nested) bodyLines.push(`${b} {\n${indentLines(alignEntries(ls), '  ')}\n}`);
    const body = indentLines(alignEntries(bodyLines), '  ');
    const text = `\n\nresource "${type}" "${name}" {\n${body}\n}`;
    const edits: TextEdit[] = [{ file, range: { start: top.range.end, end: top.range.end }, newText: text }];
    return needs.dataRegion ? [...dataRegionEdit(after), ...edits] : edits;
  };

  const addCondition = (policy: Policy, stmt: Statement, operator: string, key: string, values: NewValue): TextEdit[] => {
    const file = stmt.loc.file;
    if (!readsCleanly(file, stmt.loc.range)) return [];
    if (policy.syntax === 'json') return jsonInTerraform(policy, stmt, operator, key, values);
    if (policy.syntax === 'iam-policy-document') {
      const block = blockAt(stmt.loc);
      if (!block) return [];
      const vals = 'list' in values ? values : { list: [values] };
      const lines3 = [`test     = ${hclString(operator)}`, `variable = ${hclString(key)}`, `values   = ${render(vals, undefined, '', { dataRegion: false })}`];
      return insertIntoBlock(file, block, [`condition {\n${lines3.map((l) => `  ${l}`).join('\n')}\n}`]);
    }
    if (policy.syntax !== 'hcl-object' || !policy.doc) return [];
    const stmtObj = findObjAt(policy.doc, stmt.loc);
    if (!stmtObj) return [];
    const rendered = (v: NewValue) => render(v, undefined, '', { dataRegion: false });
    const cond = stmtObj.entries.find((e) => e.key === 'Condition')?.value;
    if (cond?.t !== 'obj') return insertIntoObject(file, stmtObj.loc.range, `Condition = {\n  ${hclString(operator)} = {\n    ${hclString(key)} = ${rendered(values)}\n  }\n}`);
    const op = cond.entries.find((e) => e.key === operator)?.value;
    if (op?.t !== 'obj') return insertIntoObject(file, cond.loc.range, `${hclString(operator)} = {\n  ${hclString(key)} = ${rendered(values)}\n}`);
    const existing = op.entries.find((e) => e.key === key);
    if (!existing) return insertIntoObject(file, op.loc.range, `${hclString(key)} = ${rendered(values)}`);
    const text = ctx.textOf(file);
    const li = lines(file);
    if (text === undefined || !li) return [];
    const old = text.slice(li.offsetAt(existing.value.loc.range.start), li.offsetAt(existing.value.loc.range.end));
    const oldItems = old.trim().startsWith('[') ? old.trim().slice(1, -1).split(',').map((s) => s.trim()).filter(Boolean) : [old.trim()];
    const added = ('list' in values ? values.list : [values]).map(rendered).filter((x) => !oldItems.includes(x));
    return [{ file, range: existing.value.loc.range, newText: `[${[...oldItems, ...added].join(', ')}]` }];
  };

  /** Adds `entry` as the last item of an HCL object literal. */
  const insertIntoObject = (file: string, range: Range, entry: string): TextEdit[] => {
    const text = ctx.textOf(file);
    const li = lines(file);
    if (text === undefined || !li) return [];
    const close = { start: { line: range.end.line, character: range.end.character - 1 }, end: range.end };
    const open = { start: range.start, end: { line: range.start.line, character: range.start.character + 1 } };
    const pseudo: Block = { type: '', typeRange: open, labels: [], attrs: [], blocks: [], range, open, close };
    const inner = text.slice(li.offsetAt(open.end), li.offsetAt(close.start));
    if (range.start.line === range.end.line && inner.trim()) {
      // One-line object: append with a comma.
      const trail = inner.length - inner.trimEnd().length;
      const at = li.positionAt(li.offsetAt(close.start) - trail);
      return [{ file, range: { start: at, end: at }, newText: `, ${entry.replace(/\s*\n\s*/g, ' ')}` }];
    }
    return insertIntoBlock(file, pseudo, [entry]);
  };

  /** Heredoc JSON: the JSON editor works on the file with everything but the document blanked. */
  const jsonInTerraform = (policy: Policy, stmt: Statement, operator: string, key: string, values: NewValue): TextEdit[] => {
    const text = ctx.textOf(policy.loc.file);
    const li = lines(policy.loc.file);
    if (text === undefined || !li) return [];
    const s = li.offsetAt(policy.loc.range.start);
    const e = li.offsetAt(policy.loc.range.end);
    const blank = (t: string) => t.replace(/[^\r\n]/g, ' ');
    const virtual = blank(text.slice(0, s)) + text.slice(s, e) + blank(text.slice(e));
    return jsonEditor('terraform', policy.loc.file, virtual).addCondition(policy, stmt, operator, key, values);
  };

  // A resource whose address Terraform would reject (the label `"{private"`) cannot be referred
  // to: a change that would have to is not offered.
  return {
    format: 'terraform',
    replace: (loc, newText) => [{ file: loc.file, range: loc.range, newText }],
    setProp: (res, prop, value) => (referable(value) ? setProps(res, [[prop, value]]) : []),
    setProps: (res, values) => (values.every(([, v]) => referable(v)) ? setProps(res, values) : []),
    removeProp,
    insertResource: (after, res) => (Object.values(res.props).every(referable) ? insertResource(after, res) : []),
    addCondition,
    readsCleanly: (loc) => readsCleanly(loc.file, loc.range),
  };
}

/** A resource address as Terraform reads it in an expression: `type.name` (each an `IDENTIFIER`
 *  of ast.ts), then an index (a number or a string with HCL's escapes, as the engine writes
 *  for_each keys, and no template). */
const ADDRESS = /^[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*(?:\[(?:\d+|"(?:[^"\\$%]|\\["\\nrt]|\\u[0-9a-fA-F]{4}|[$%](?!\{))*")\])?$/;

/** Whether every resource `value` refers to can be written as a reference. */
function referable(value: NewValue): boolean {
  if ('refs' in value) return value.refs.every((key) => ADDRESS.test(key));
  if ('list' in value) return value.list.every(referable);
  if ('obj' in value) return Object.values(value.obj).every(referable);
  return true;
}

function findAttr(block: Block, path: string[]): Attribute | undefined {
  let cur: Block | undefined = block;
  for (const name of path.slice(0, -1)) cur = cur && blocksOf(cur, name)[0];
  return cur && attrOf(cur, path[path.length - 1]);
}

function renderBlock(name: string, obj: Record<string, NewValue>, render: (v: NewValue, indent: string) => string): string {
  const lines = alignEntries(Object.entries(obj).map(([k, v]) => `${k} = ${render(v, '')}`));
  return `${name} {\n${indentLines(lines, '  ')}\n}`;
}

/** Entries one per line, every non-empty line indented. */
function indentLines(entries: string[], indent: string): string {
  return entries.map((e) => e.split('\n').map((x) => (x ? indent + x : x)).join('\n')).join('\n');
}

/** The start of an attribute: its key (bare or quoted) up to `=`. */
const ATTR = /^([A-Za-z_][\w-]*|"(?:[^"\\]|\\.)*")[ \t]*=(?![=>])/;

/**
 * Entries (`key = value` attributes or nested blocks) with `=` aligned the way `terraform fmt`
 * aligns a run of consecutive attribute lines: a nested block ends a run, and so does a value
 * that spans lines (after its first line). `above` is the key width of the run the first entry
 * continues.
 */
function alignEntries(entries: string[], above = 0): string[] {
  const out = [...entries];
  for (let start = 0; start < out.length;) {
    let end = start;
    while (end < out.length && ATTR.test(out[end])) if (out[end++].includes('\n')) break;
    if (end === start) { start++; continue; }
    const width = Math.max(start === 0 ? above : 0, ...out.slice(start, end).map((e) => ATTR.exec(e)![1].length));
    for (let i = start; i < end; i++) out[i] = out[i].replace(ATTR, (_m, key: string) => `${key.padEnd(width)} =`);
    start = end;
  }
  return out;
}

interface RunLine { line: number; key: string; keyEnd: number; eq: number }

/**
 * The attribute lines directly above `line` at `indent`, when their `=` are aligned as
 * `terraform fmt` aligns them (one space after the longest key); undefined when they are not, so
 * added lines do not pretend to an alignment the file does not have.
 */
function alignedRunAbove(text: string, li: LineIndex, line: number, indent: string): RunLine[] | undefined {
  const run: RunLine[] = [];
  for (let l = line - 1; l >= 0; l--) {
    const t = lineText(text, li, l);
    if (!t.startsWith(indent) || /^\s/.test(t.slice(indent.length))) break;
    const m = ATTR.exec(t.slice(indent.length));
    if (!m) break;
    run.push({ line: l, key: m[1], keyEnd: indent.length + m[1].length, eq: indent.length + m[0].length - 1 });
  }
  const width = Math.max(0, ...run.map((r) => r.key.length));
  return run.every((r) => r.eq === indent.length + width + 1) ? run : undefined;
}

/** `aws_subnet.a[0]` -> `aws_subnet.a[0].id`. */
function refExpr(key: string): string { return `${key}.id`; }

export function hclString(s: string): string {
  return JSON.stringify(s).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

function hclKey(k: string): string { return /^[A-Za-z_][\w-]*$/.test(k) ? k : hclString(k); }

function lineText(text: string, li: LineIndex, line: number): string {
  const start = li.offsetAt({ line, character: 0 });
  const nl = text.indexOf('\n', start);
  return text.slice(start, nl === -1 ? text.length : nl).replace(/\r$/, '');
}

function indentAt(text: string | undefined, li: LineIndex | undefined, line: number): string {
  return text !== undefined && li ? /^\s*/.exec(lineText(text, li, line))![0] : '';
}

function samePos(a: Position, b: Position): boolean { return a.line === b.line && a.character === b.character; }
function cmp(a: Position, b: Position): number { return a.line - b.line || a.character - b.character; }
function contains(outer: Range, inner: Range): boolean { return cmp(outer.start, inner.start) <= 0 && cmp(inner.end, outer.end) <= 0; }

/** The top-level block around `range` (blocks are in file order: binary search). */
function topBlockAt(blocks: Block[], range: Range): Block | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (cmp(blocks[mid].range.start, range.start) <= 0) lo = mid;
    else hi = mid - 1;
  }
  const b = blocks[lo];
  return b && contains(b.range, range) ? b : blocks.find((x) => contains(x.range, range));
}

function findObjAt(root: Val, loc: Loc): ObjVal | undefined {
  if (root.t === 'obj') {
    if (samePos(root.loc.range.start, loc.range.start) && samePos(root.loc.range.end, loc.range.end)) return root;
    for (const e of root.entries) { const f = findObjAt(e.value, loc); if (f) return f; }
  }
  if (root.t === 'list') for (const i of root.items) { const f = findObjAt(i, loc); if (f) return f; }
  return undefined;
}
