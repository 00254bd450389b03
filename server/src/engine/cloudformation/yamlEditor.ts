// Fixes for YAML templates: edits written in the file's own style (block or flow mappings, its
// indentation step, short or long intrinsic tags), touching only the lines concerned.
import type { Editor, Loc, NewResource, NewValue, ObjEntry, ObjVal, ParseProblem, Policy, Resource, Statement, TextEdit, Val } from '../model';
import { applyEdits } from '../edits';
import { findByLoc, newResourceBody, planWrites, propertiesPath, propWrite, resourceWrites, uniqueName } from './editor';
import { subTemplate } from './jsonEditor';
import { lookup } from './resources';
import type { TemplateSource } from './source';
import { parseYamlToVal } from './yaml';

const RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

export class YamlTemplateEditor implements Editor {
  readonly format = 'cloudformation' as const;
  private parsed?: { val?: Val; problems: ParseProblem[] };
  /** The file's style, read when a fix is first written (an editor is made for every scope
   *  build, and most builds write no fix). */
  private styleOf?: { step: number; eol: string; short: boolean };

  constructor(private readonly source: TemplateSource) {}

  private get style(): { step: number; eol: string; short: boolean } {
    if (!this.styleOf) {
      const text = this.source.text;
      this.styleOf = {
        step: smallestIndent(text) ?? 2,
        eol: text.includes('\r\n') ? '\r\n' : '\n',
        short: /(^|[\s[{,:-])!(Ref|Sub|GetAtt|Join|If|Select|FindInMap|ImportValue|GetAZs|Split)\b/.test(text),
      };
    }
    return this.styleOf;
  }

  private get step(): number { return this.style.step; }
  private get eol(): string { return this.style.eol; }
  /** The template writes intrinsics as `!Ref`/`!Sub` tags. */
  private get short(): boolean { return this.style.short; }

  private get root(): Val | undefined {
    this.parsed ??= parseYamlToVal(this.source.text, this.source.file, this.source.lines);
    return this.parsed.val;
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
    const plan = planWrites(writes, path => descend(this.root, path));
    const parts = [
      ...plan.replace.map(w => this.setAt(w.path, w.value)),
      ...plan.insert.map(i => (i.node.t === 'obj' ? this.insertEntry(i.node, i.key, i.value) : [])),
    ];
    if (!parts.every(p => p.length)) return [];
    return this.verified(parts.flat(), root => writes.every(w => descend(root, w.path).complete));
  }

  removeProp(res: Resource, prop: string): TextEdit[] {
    const base = propertiesPath(this.root, res);
    const write = propWrite(res.kind, res.nativeType, prop, { bool: true });
    if (!base || !write || res.defaulted?.includes(prop)) return [];
    const path = [...base, ...write.path];
    const at = descend(this.root, path);
    if (!at.complete || !at.parent) return [];
    return this.verified(this.removeEntry(at.parent, at.parent.entries.indexOf(at.entry!)), root => !descend(root, path).complete);
  }

  insertResource(after: Resource, res: NewResource): TextEdit[] {
    const body = newResourceBody(res);
    const resources = lookup(this.root, 'Resources')?.value;
    if (!body || resources?.t !== 'obj' || !resources.entries.length || this.isFlow(resources)) return [];
    const name = uniqueName(resources, res.name);
    const anchorKey = after.parent ?? after.key;
    const anchor = resources.entries.find(e => e.key === anchorKey) ?? resources.entries[resources.entries.length - 1];
    const col = this.keyColumn(anchor);
    const inner = col + this.step;
    let text = `${this.eol}${pad(col)}${name}:${this.eol}${pad(inner)}Type: ${body.type}`;
    if (Object.keys(body.props).length) text += `${this.eol}${pad(inner)}Properties:${this.afterKey({ obj: body.props }, inner)}`;
    const at = this.lineEnd(this.offset(anchor.value.loc.range.end));
    // Keep the blank line between resources when the template separates them so.
    const next = this.source.text.slice(at + this.eol.length, at + 2 * this.eol.length);
    if (next === this.eol) text = this.eol + text;
    return this.verified([this.insertAt(at, text)], root => descend(root, ['Resources', name]).complete);
  }

  addCondition(_policy: Policy, stmt: Statement, operator: string, key: string, values: NewValue): TextEdit[] {
    const found = findByLoc(this.root, stmt.loc);
    if (found?.node.t !== 'obj') return []; // a policy inside a JSON string: not editable in place
    const path = [...found.path, 'Condition', operator, key];
    return this.verified(this.conditionEdits(found.node, operator, key, values), root => descend(root, path).complete);
  }

  /** In a file that already has syntax errors, the parser's recovery decides where text added
   *  near a broken line ends up: edits are kept only when they bring no error the file did not
   *  have and `readBack` finds what they did. */
  private verified(edits: TextEdit[], readBack: (root: Val | undefined) => boolean): TextEdit[] {
    const before = this.parsed?.problems.map(p => p.message) ?? [];
    if (!edits.length || !before.length) return edits;
    const after = parseYamlToVal(applyEdits(this.source.text, edits), this.source.file);
    const known = [...before];
    const worse = after.problems.some(p => {
      const i = known.indexOf(p.message);
      if (i < 0) return true;
      known.splice(i, 1);
      return false;
    });
    return !worse && readBack(after.val) ? edits : [];
  }

  private conditionEdits(statement: ObjVal, operator: string, key: string, values: NewValue): TextEdit[] {
    const condition = statement.entries.find(e => e.key === 'Condition');
    if (!condition) return this.insertEntry(statement, 'Condition', { obj: { [operator]: { obj: { [key]: values } } } });
    if (condition.value.t !== 'obj') return [];
    const op = condition.value.entries.find(e => e.key === operator);
    if (!op) return this.insertEntry(condition.value, operator, { obj: { [key]: values } });
    if (op.value.t !== 'obj') return [];
    const existing = op.value.entries.find(e => e.key === key);
    return existing ? this.replaceValue(op.value, existing, values) : this.insertEntry(op.value, key, values);
  }

  /** Writes `value` at a key path, replacing the value there or adding the missing keys. */
  private setAt(path: (string | number)[], value: NewValue): TextEdit[] {
    const at = descend(this.root, path);
    if (at.complete && at.parent && at.entry) return this.replaceValue(at.parent, at.entry, value);
    if (at.node?.t !== 'obj' || at.missing.some(seg => typeof seg === 'number')) return [];
    const wrapped = (at.missing.slice(1) as string[]).reduceRight<NewValue>((inner, seg) => ({ obj: { [seg]: inner } }), value);
    return this.insertEntry(at.node, at.missing[0] as string, wrapped);
  }

  private insertEntry(map: ObjVal, key: string, value: NewValue): TextEdit[] {
    if (this.isFlow(map)) {
      const last = map.entries[map.entries.length - 1];
      const text = `${yamlScalar(key, true)}: ${this.flow(value)}`;
      if (last) return [this.insertAt(this.offset(last.value.loc.range.end), `, ${text}`)];
      return [this.insertAt(this.offset(map.loc.range.end) - 1, text)];
    }
    const last = this.lastReadable(map);
    if (!last) return [];
    const col = this.keyColumn(map.entries[0]);
    const at = this.lineEnd(this.offset(last.value.loc.range.end));
    return [this.insertAt(at, `${this.eol}${pad(col)}${yamlScalar(key, false)}:${this.afterKey(value, col)}`)];
  }

  private replaceValue(map: ObjVal, entry: ObjEntry, value: NewValue): TextEdit[] {
    const range = entry.value.loc.range;
    if (this.isFlow(map)) return [{ file: this.source.file, range, newText: this.flow(value) }];
    const start = this.offset(range.start);
    if ('list' in value && entry.value.t === 'list' && value.list.length) {
      // A list keeps its style: `[a, b]` stays on the key's line, `- a` lines stay lines.
      if (this.source.text[start] === '[') return [{ file: this.source.file, range, newText: this.flow(value) }];
      if (this.source.text[start] === '-') return [{ file: this.source.file, range, newText: this.blockItems(value.list, range.start.character).trimStart() }];
    }
    const rendered = this.afterKey(value, this.keyColumn(entry));
    const sameLine = range.start.line === entry.keyLoc.range.end.line;
    if (rendered.startsWith(' ') && sameLine) return [{ file: this.source.file, range, newText: rendered.slice(1) }];
    // A value on the key's line replaces a block one from just after the colon, and the reverse.
    const colon = this.source.text.indexOf(':', this.offset(entry.keyLoc.range.end));
    return [{ file: this.source.file, range: { start: this.position(colon + 1), end: range.end }, newText: rendered }];
  }

  private removeEntry(map: ObjVal, index: number): TextEdit[] {
    const text = this.source.text;
    const entry = map.entries[index];
    const next = map.entries[index + 1];
    const keyStart = this.keyStart(entry);
    const valueEnd = this.offset(entry.value.loc.range.end);
    if (this.isFlow(map)) {
      if (next) return [this.deleteRange(keyStart, this.keyStart(next))];
      const prev = map.entries[index - 1];
      return [this.deleteRange(prev ? this.offset(prev.value.loc.range.end) : keyStart, valueEnd)];
    }
    // The only key: the mapping stays, empty (`- {}`), rather than becoming null.
    if (map.entries.length === 1) return [{ ...this.deleteRange(keyStart, valueEnd), newText: '{}' }];
    const lineStart = this.offset({ line: entry.keyLoc.range.start.line, character: 0 });
    if (!/^\s*$/.test(text.slice(lineStart, keyStart))) {
      // `- Key: value`: the sequence dash stays, the next key moves up to it.
      return [this.deleteRange(keyStart, next ? this.keyStart(next) : valueEnd)];
    }
    // The line break before the entry goes with it, so text inserted at the end of its last line
    // (a resource added after this one) still lands right after the mapping.
    const end = this.lineEnd(valueEnd);
    if (lineStart === 0) return [this.deleteRange(0, Math.min(text.length, end + this.eol.length))];
    return [this.deleteRange(lineStart - (text.slice(lineStart - 2, lineStart) === '\r\n' ? 2 : 1), end)];
  }

  /** Text following `key:` for a value, in block style at the key's column. */
  private afterKey(value: NewValue, col: number): string {
    const inner = col + this.step;
    if ('obj' in value && Object.keys(value.obj).length) return this.eol + this.blockEntries(value.obj, inner);
    if ('regionTemplate' in value && !this.short) return `${this.eol}${pad(inner)}Fn::Sub: ${quote(subTemplate(value.regionTemplate))}`;
    if ('list' in value && value.list.some(item => ('obj' in item && Object.keys(item.obj).length) || ('regionTemplate' in item && !this.short))) {
      return this.eol + this.blockItems(value.list, inner);
    }
    return ` ${this.flow(value)}`;
  }

  /** List items as `- item` lines with the dash at column `col`. */
  private blockItems(items: NewValue[], col: number): string {
    return items.map(item => {
      // A mapping item starts on the dash line; its other keys align with the first.
      if ('obj' in item && Object.keys(item.obj).length) return `${pad(col)}- ${this.blockEntries(item.obj, col + 2).slice(col + 2)}`;
      if ('regionTemplate' in item && !this.short) return `${pad(col)}- Fn::Sub: ${quote(subTemplate(item.regionTemplate))}`;
      return `${pad(col)}- ${this.flow(item)}`;
    }).join(this.eol);
  }

  /** The last entry of a block mapping that parsed cleanly: new keys go after it, not after a
   *  half-typed line that would swallow them. */
  private lastReadable(map: ObjVal): ObjEntry | undefined {
    const problems = this.parsed?.problems.map(p => this.offset(p.loc.range.start)) ?? [];
    if (!problems.length) return map.entries[map.entries.length - 1];
    for (let i = map.entries.length - 1; i >= 0; i--) {
      const e = map.entries[i];
      const from = this.keyStart(e);
      const to = this.lineEnd(this.offset(e.value.loc.range.end));
      // `[a, b` with its `]` missing: text after it would land inside the list.
      const value = this.source.text.slice(this.offset(e.value.loc.range.start), to).trimEnd();
      const open = '[{'.indexOf(value[0]);
      if (open >= 0 && !value.endsWith(']}'[open])) continue;
      if (!problems.some(at => at >= from && at <= to)) return e;
    }
    return undefined;
  }

  private blockEntries(obj: Record<string, NewValue>, col: number): string {
    return Object.entries(obj).map(([k, v]) => `${pad(col)}${yamlScalar(k, false)}:${this.afterKey(v, col)}`).join(this.eol);
  }

  /** A value in flow style (valid inside `[...]`/`{...}` and after `key: `). */
  private flow(value: NewValue): string {
    if ('bool' in value) return String(value.bool);
    if ('num' in value) return String(value.num);
    if ('str' in value) return yamlScalar(value.str, true);
    if ('raw' in value) return value.raw;
    if ('list' in value) return `[${value.list.map(v => this.flow(v)).join(', ')}]`;
    if ('refs' in value) {
      const one = (key: string) => (this.short ? `!Ref ${yamlScalar(key, true)}` : `{Ref: ${yamlScalar(key, true)}}`);
      return value.refs.length === 1 ? one(value.refs[0]) : `[${value.refs.map(one).join(', ')}]`;
    }
    if ('regionTemplate' in value) {
      const template = quote(subTemplate(value.regionTemplate));
      return this.short ? `!Sub ${template}` : `{'Fn::Sub': ${template}}`;
    }
    return `{${Object.entries(value.obj).map(([k, v]) => `${yamlScalar(k, true)}: ${this.flow(v)}`).join(', ')}}`;
  }

  private isFlow(map: ObjVal): boolean {
    return this.source.text[this.offset(map.loc.range.start)] === '{';
  }

  /** Column of a key, including its opening quote. */
  private keyColumn(entry: ObjEntry): number {
    return this.position(this.keyStart(entry)).character;
  }

  /** Where a key starts: its opening quote, or the tag or anchor written before it (`!!str Key:`). */
  private keyStart(entry: ObjEntry): number {
    const text = this.source.text;
    let at = this.offset(entry.keyLoc.range.start);
    if (at > 0 && `'"`.includes(text[at - 1])) at--;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const properties = /(?:[!&]\S*[ \t]+)+$/.exec(text.slice(lineStart, at));
    return properties ? at - properties[0].length : at;
  }

  private lineEnd(offset: number): number {
    const nl = this.source.text.indexOf('\n', offset);
    if (nl < 0) return this.source.text.length;
    return this.source.text[nl - 1] === '\r' ? nl - 1 : nl;
  }

  private offset(p: Loc['range']['start']): number { return this.source.lines.offsetAt(p); }
  private position(offset: number) { return this.source.lines.positionAt(offset); }

  private insertAt(offset: number, newText: string): TextEdit {
    const p = this.position(offset);
    return { file: this.source.file, range: { start: p, end: p }, newText };
  }

  private deleteRange(from: number, to: number): TextEdit {
    return { file: this.source.file, range: { start: this.position(from), end: this.position(to) }, newText: '' };
  }
}

interface Descent {
  /** Deepest node reached. */
  node?: Val;
  parent?: ObjVal;
  entry?: ObjEntry;
  /** Path segments not found. */
  missing: (string | number)[];
  complete: boolean;
}

/** Follows a key path through a raw tree as far as it exists. */
function descend(root: Val | undefined, path: (string | number)[]): Descent {
  let node = root;
  let parent: ObjVal | undefined;
  let entry: ObjEntry | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    let next: Val | undefined;
    if (typeof seg === 'number' && node?.t === 'list') next = node.items[seg];
    else if (typeof seg === 'string' && node?.t === 'obj') {
      const found: ObjEntry | undefined = node.entries.find(e => e.key === seg);
      if (found) { parent = node; entry = found; next = found.value; }
    }
    if (!next) return { node, parent, entry, missing: path.slice(i), complete: false };
    node = next;
  }
  return { node, parent, entry, missing: [], complete: true };
}

function pad(n: number): string {
  return ' '.repeat(n);
}

function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A string as a YAML scalar: plain when it reads back as the same string, else quoted. */
function yamlScalar(s: string, inFlow: boolean): string {
  if (/[\n\r\t]/.test(s)) return JSON.stringify(s);
  const plain = /^[A-Za-z_][\w.\/:-]*$/.test(s) && !RESERVED.test(s) && !s.endsWith(':') && !(inFlow && s.includes(':'));
  return plain ? s : quote(s);
}

/** The fewest spaces any indented content line (not a comment) starts with. */
function smallestIndent(text: string): number | undefined {
  let smallest: number | undefined;
  for (let start = 0; start < text.length;) {
    let p = start;
    while (text.charCodeAt(p) === 32) p++;
    const c = text[p];
    if (p > start && c !== undefined && c !== '#' && !/\s/.test(c) && (smallest === undefined || p - start < smallest)) smallest = p - start;
    while (p < text.length && !isLineBreak(text.charCodeAt(p))) p++;
    start = p + 1;
  }
  return smallest;
}

/** What ends a line for `^` in a regular expression with the `m` flag. */
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}
