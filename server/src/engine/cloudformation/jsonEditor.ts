// Fixes for JSON templates, through jsonc-parser's `modify`, formatted like the file.
import { modify } from 'jsonc-parser';
import type { FormattingOptions, JSONPath } from 'jsonc-parser';
import { parseJsonToVal } from '../json';
import type { Editor, Loc, NewResource, NewValue, Policy, Resource, Statement, TextEdit, Val } from '../model';
import { REGION } from '../model';
import { findByLoc, newResourceBody, propertiesPath, propWrite, uniqueName } from './editor';
import { lookup } from './resources';
import type { TemplateSource } from './source';

export class JsonTemplateEditor implements Editor {
  readonly format = 'cloudformation' as const;
  private rootVal?: Val;
  private readonly formatting: FormattingOptions;

  constructor(private readonly source: TemplateSource) {
    this.formatting = detectFormatting(source.text);
  }

  private get root(): Val | undefined {
    this.rootVal ??= parseJsonToVal(this.source.text, this.source.file).val;
    return this.rootVal;
  }

  replace(loc: Loc, newText: string): TextEdit[] {
    return [{ file: loc.file, range: loc.range, newText }];
  }

  setProp(res: Resource, prop: string, value: NewValue): TextEdit[] {
    const base = propertiesPath(this.root, res);
    const write = propWrite(res.kind, res.nativeType, prop, value);
    if (!base || !write) return [];
    return this.modify([...base, ...write.path], toJs(write.value));
  }

  removeProp(res: Resource, prop: string): TextEdit[] {
    const base = propertiesPath(this.root, res);
    const write = propWrite(res.kind, res.nativeType, prop, { bool: true });
    if (!base || !write || !res.propKeyLocs[prop] || res.defaulted?.includes(prop)) return [];
    return this.modify([...base, ...write.path], undefined);
  }

  insertResource(after: Resource, res: NewResource): TextEdit[] {
    const body = newResourceBody(res);
    const resources = lookup(this.root, 'Resources')?.value;
    if (!body || resources?.t !== 'obj') return [];
    const name = uniqueName(resources, res.name);
    const anchor = after.parent ?? after.key;
    const value = { Type: body.type, Properties: toJs({ obj: body.props }) };
    return this.modify(['Resources', name], value, props => {
      const at = props.indexOf(anchor);
      return at < 0 ? props.length : at + 1;
    });
  }

  addCondition(_policy: Policy, stmt: Statement, operator: string, key: string, values: NewValue): TextEdit[] {
    const found = findByLoc(this.root, stmt.loc);
    if (found?.node.t !== 'obj') return []; // a policy inside a JSON string: not editable in place
    return this.modify([...found.path, 'Condition', operator, key], toJs(values));
  }

  private modify(path: JSONPath, value: unknown, getInsertionIndex?: (props: string[]) => number): TextEdit[] {
    const lines = this.source.lines;
    return modify(this.source.text, path, value, { formattingOptions: this.formatting, getInsertionIndex }).map(e => ({
      file: this.source.file,
      range: { start: lines.positionAt(e.offset), end: lines.positionAt(e.offset + e.length) },
      newText: e.content,
    }));
  }
}

/** Indentation and line breaks as the file already uses them. */
function detectFormatting(text: string): FormattingOptions {
  const indented = /\n([ \t]+)\S/.exec(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (indented?.[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: indented ? indented[1].length : 2, eol };
}

/** A NewValue as the JSON value to write. */
export function toJs(value: NewValue): unknown {
  if ('bool' in value) return value.bool;
  if ('str' in value) return value.str;
  if ('num' in value) return value.num;
  if ('list' in value) return value.list.map(toJs);
  if ('refs' in value) return value.refs.length === 1 ? { Ref: value.refs[0] } : value.refs.map(r => ({ Ref: r }));
  if ('regionTemplate' in value) return { 'Fn::Sub': subTemplate(value.regionTemplate) };
  if ('obj' in value) return Object.fromEntries(Object.entries(value.obj).map(([k, v]) => [k, toJs(v)]));
  try {
    return JSON.parse(value.raw);
  } catch {
    return value.raw; // not JSON: written as a string rather than breaking the file
  }
}

/** `['com.amazonaws.', REGION, '.s3']` -> `com.amazonaws.${AWS::Region}.s3` */
export function subTemplate(pieces: (string | typeof REGION)[]): string {
  return pieces.map(p => (p === REGION ? '${AWS::Region}' : p.replace(/\$\{/g, '${!'))).join('');
}
