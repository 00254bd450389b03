// Fixes in JSON (CloudFormation templates, standalone policies, heredoc policies in Terraform) as
// minimal text edits: one inserted entry in its siblings' indentation, one removed entry with its
// comma, or one replaced value. Every other byte of the file stays as it was.
import { parseTree } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import { parseJsonToVal } from '../json';
import type { Editor, Format, Loc, NewResource, NewValue, Policy, Resource, Statement, TextEdit, Val } from '../model';
import { REGION } from '../model';
import { findByLoc, newResourceBody, planWrites, propertiesPath, propWrite, resourceWrites, uniqueName } from './editor';
import { lookup } from './resources';
import { TemplateSource } from './source';

type Path = (string | number)[];

export class JsonEditor implements Editor {
  private rootVal?: Val;
  private treeNode?: JsonNode | null;
  /** Offset of the first syntax error: edits stay before it, where the file reads as written. */
  private errorAt = Infinity;
  private readonly unit: string;
  private readonly eol: string;
  /** The file writes `{ "Ref": "X" }` rather than `{"Ref": "X"}`. */
  private readonly padded: boolean;

  /** `format` decides what can be written: resource references and the deployment region exist
   *  in CloudFormation only. */
  constructor(private readonly source: TemplateSource, readonly format: Format) {
    this.unit = indentUnit(source.text);
    this.eol = source.text.includes('\r\n') ? '\r\n' : '\n';
    this.padded = /\{[ \t]+"(Ref|Fn::[A-Za-z]+)"/.test(source.text);
  }

  private get root(): Val | undefined {
    this.rootVal ??= parseJsonToVal(this.source.text, this.source.file).val;
    return this.rootVal;
  }

  private get tree(): JsonNode | undefined {
    if (this.treeNode === undefined) {
      const errors: ParseError[] = [];
      this.treeNode = parseTree(this.source.text, errors, { allowTrailingComma: true }) ?? null;
      this.errorAt = Math.min(Infinity, ...errors.map(e => e.offset));
    }
    return this.treeNode ?? undefined;
  }

  replace(loc: Loc, newText: string): TextEdit[] {
    return [{ file: loc.file, range: loc.range, newText }];
  }

  setProp(res: Resource, prop: string, value: NewValue): TextEdit[] {
    return this.setProps(res, [[prop, value]]);
  }

  setProps(res: Resource, values: [string, NewValue][]): TextEdit[] {
    const writes = resourceWrites(this.root, res, values);
    if (!writes) return [];
    const plan = planWrites(writes, path => this.walk(path));
    const parts = [
      ...plan.replace.map(w => this.setAt(w.path, w.value)),
      ...plan.insert.map(i => (i.node.type === 'object' ? this.insertEntry(i.node, i.key, i.value) : [])),
    ];
    return parts.every(p => p.length) ? parts.flat() : [];
  }

  removeProp(res: Resource, prop: string): TextEdit[] {
    const base = propertiesPath(this.root, res);
    const write = propWrite(res.kind, res.nativeType, prop, { bool: true });
    if (!base || !write || !res.propKeyLocs[prop] || res.defaulted?.includes(prop)) return [];
    const at = this.walk([...base, ...write.path]);
    const property = at.missing.length === 0 ? at.node?.parent : undefined;
    return property?.type === 'property' && property.parent ? this.removeEntry(property.parent, property) : [];
  }

  insertResource(after: Resource, res: NewResource): TextEdit[] {
    const body = newResourceBody(res);
    const resources = this.walk(['Resources']);
    if (!body || resources.missing.length || resources.node?.type !== 'object') return [];
    const name = uniqueName(asObj(lookup(this.root, 'Resources')?.value), res.name);
    const value: NewValue = { obj: { Type: { str: body.type }, ...(Object.keys(body.props).length ? { Properties: { obj: body.props } } : {}) } };
    return this.insertEntry(resources.node, name, value, after.parent ?? after.key);
  }

  addCondition(_policy: Policy, stmt: Statement, operator: string, key: string, values: NewValue): TextEdit[] {
    const found = findByLoc(this.root, stmt.loc);
    if (found?.node.t !== 'obj') return []; // a policy inside a JSON string: not editable in place
    const path = [...found.path, 'Condition', operator, key];
    const at = this.walk(path);
    if (!at.node || at.missing.length) return this.setAt(path, values);
    // The key is there: its values stay and the new ones join them.
    const old = at.node.type === 'array' ? at.node.children ?? [] : [at.node];
    const added = ('list' in values ? values.list : [values]).filter(v => !old.some(o => this.render(v, '', true) === this.text(o)));
    if (!added.length) return [];
    const merged: NewValue = { list: [...old.map(o => ({ raw: this.text(o) })), ...added] };
    return this.replaceValue(at.node, merged);
  }

  /** Writes `value` at a key path: replaces the value there, or adds the missing keys. */
  private setAt(path: Path, value: NewValue): TextEdit[] {
    const at = this.walk(path);
    if (!at.node) return [];
    if (!at.missing.length) return this.replaceValue(at.node, value);
    if (at.node.type !== 'object' || at.missing.some(seg => typeof seg === 'number')) return [];
    const wrapped = (at.missing.slice(1) as string[]).reduceRight<NewValue>((inner, seg) => ({ obj: { [seg]: inner } }), value);
    return this.insertEntry(at.node, at.missing[0] as string, wrapped);
  }

  private replaceValue(node: JsonNode, value: NewValue): TextEdit[] {
    if (node.offset + node.length >= this.errorAt) return [];
    const oneLine = !/[\r\n]/.test(this.text(node));
    const rendered = this.render(value, this.lineIndent(node.offset), oneLine);
    if (rendered === undefined) return [];
    return [this.edit(node.offset, node.offset + node.length, rendered)];
  }

  /** Adds `"key": value` after entry `after` (else the last entry), in the same layout. Entries
   *  that end past a syntax error do not count: text added after them could be swallowed. */
  private insertEntry(obj: JsonNode, key: string, value: NewValue, after?: string): TextEdit[] {
    const clean = (p: JsonNode | undefined) => p && p.offset + p.length < this.errorAt ? p : undefined;
    const anchor = clean(after === undefined ? undefined : lastProperty(obj, after))
      ?? (obj.children ?? []).filter(p => p.children?.length === 2 && clean(p)).pop();
    if (!anchor) {
      if (obj.children?.length || obj.offset + obj.length >= this.errorAt) return [];
      // An empty object: the entry goes on its own line inside it.
      const indent = this.lineIndent(obj.offset);
      const rendered = this.render(value, indent + this.unit, false);
      if (rendered === undefined || this.source.text[obj.offset + obj.length - 1] !== '}') return [];
      return [this.edit(obj.offset + 1, obj.offset + obj.length - 1,
        `${this.eol}${indent}${this.unit}${JSON.stringify(key)}: ${rendered}${this.eol}${indent}`)];
    }
    const end = anchor.offset + anchor.length;
    if (!this.startsLine(anchor.offset)) {
      // `{"a": 1}`: the object is written on one line, so is the new entry.
      const rendered = this.render(value, '', true);
      return rendered === undefined ? [] : [this.edit(end, end, `, ${JSON.stringify(key)}: ${rendered}`)];
    }
    const indent = this.lineIndent(anchor.offset);
    const rendered = this.render(value, indent, false);
    return rendered === undefined ? [] : [this.edit(end, end, `,${this.eol}${indent}${JSON.stringify(key)}: ${rendered}`)];
  }

  /** Removes one entry and the comma that separates it from its neighbour. */
  private removeEntry(obj: JsonNode, property: JsonNode): TextEdit[] {
    if (obj.offset + obj.length >= this.errorAt) return [];
    const siblings = obj.children ?? [];
    const index = siblings.indexOf(property);
    if (siblings.length === 1) return [this.edit(obj.offset + 1, obj.offset + obj.length - 1, '')];
    if (index < siblings.length - 1) return [this.edit(property.offset, siblings[index + 1].offset, '')];
    const prev = siblings[index - 1];
    return [this.edit(prev.offset + prev.length, property.offset + property.length, '')];
  }

  /**
   * A value as JSON text. Objects and lists of objects take a line per entry (nested at `indent`
   * plus one step) unless `inline`; scalars, references and lists of them stay on one line.
   * Undefined when the value has no JSON form here (a reference outside a template).
   */
  private render(value: NewValue, indent: string, inline: boolean): string | undefined {
    if ('bool' in value) return String(value.bool);
    if ('num' in value) return String(value.num);
    if ('str' in value) return JSON.stringify(value.str);
    if ('raw' in value) return isJson(value.raw) ? value.raw : JSON.stringify(value.raw);
    if ('refs' in value || 'regionTemplate' in value) {
      if (this.format !== 'cloudformation') return undefined;
      if ('regionTemplate' in value) return this.intrinsic('Fn::Sub', subTemplate(value.regionTemplate));
      const refs = value.refs.map(r => this.intrinsic('Ref', r));
      return refs.length === 1 ? refs[0] : `[${refs.join(', ')}]`;
    }
    const inner = indent + this.unit;
    if ('list' in value) {
      const flat = inline || value.list.every(v => !('obj' in v) && !('list' in v));
      const items = value.list.map(v => this.render(v, inner, flat));
      if (items.includes(undefined)) return undefined;
      if (flat || !items.length) return `[${items.join(', ')}]`;
      return `[${this.eol}${items.map(i => inner + i).join(`,${this.eol}`)}${this.eol}${indent}]`;
    }
    const entries = Object.entries(value.obj).map(([k, v]) => [k, this.render(v, inner, inline)] as const);
    if (entries.some(([, v]) => v === undefined)) return undefined;
    if (!entries.length) return '{}';
    if (inline) return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}`;
    return `{${this.eol}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${v}`).join(`,${this.eol}`)}${this.eol}${indent}}`;
  }

  private intrinsic(name: string, arg: string): string {
    const body = `${JSON.stringify(name)}: ${JSON.stringify(arg)}`;
    return this.padded ? `{ ${body} }` : `{${body}}`;
  }

  /** Follows a key path as far as it exists; duplicate keys resolve to the last, as parsers do. */
  private walk(path: Path): { node?: JsonNode; missing: Path } {
    let node = this.tree;
    for (let i = 0; i < path.length && node; i++) {
      const seg = path[i];
      let next: JsonNode | undefined;
      if (typeof seg === 'number' && node.type === 'array') next = node.children?.[seg];
      else if (typeof seg === 'string' && node.type === 'object') next = lastProperty(node, seg)?.children?.[1];
      if (!next) return { node, missing: path.slice(i) };
      node = next;
    }
    return node ? { node, missing: [] } : { missing: path };
  }

  private text(node: JsonNode): string {
    return this.source.text.slice(node.offset, node.offset + node.length);
  }

  private lineStart(offset: number): number {
    const text = this.source.text;
    return Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  }

  /** Only whitespace precedes `offset` on its line. */
  private startsLine(offset: number): boolean {
    return this.source.text.slice(this.lineStart(offset), offset).trim() === '';
  }

  private lineIndent(offset: number): string {
    return /^[ \t]*/.exec(this.source.text.slice(this.lineStart(offset), offset))![0];
  }

  private edit(from: number, to: number, newText: string): TextEdit {
    const lines = this.source.lines;
    return { file: this.source.file, range: { start: lines.positionAt(from), end: lines.positionAt(to) }, newText };
  }
}

/** A JSON editor for a file that holds no resources (a policy document, a heredoc's text). */
export function jsonEditor(format: Format, file: string, text: string): Editor {
  return new JsonEditor(new TemplateSource(file, text), format);
}

/** The property of `obj` named `key`: the last one, as duplicates resolve so. */
function lastProperty(obj: JsonNode, key: string): JsonNode | undefined {
  return (obj.children ?? []).filter(p => p.children?.length === 2 && p.children[0].value === key).pop();
}

function asObj(val: Val | undefined) {
  return val?.t === 'obj' ? val : undefined;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The file's indentation step: the smallest increase from one line to the next (two spaces when
 *  nothing is indented, a tab in tab-indented files). */
function indentUnit(text: string): string {
  let prev = 0;
  let step = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (!line.trim()) continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.startsWith('\t')) return '\t';
    if (indent.length > prev && (!step || indent.length - prev < step)) step = indent.length - prev;
    prev = indent.length;
  }
  return ' '.repeat(step || 2);
}

/** `['com.amazonaws.', REGION, '.s3']` -> `com.amazonaws.${AWS::Region}.s3` */
export function subTemplate(pieces: (string | typeof REGION)[]): string {
  return pieces.map(p => (p === REGION ? '${AWS::Region}' : p.replace(/\$\{/g, '${!'))).join('');
}
