// Fixes for JSON files (standalone policies; usable by any JSON format). Edits go through
// jsonc-parser's `modify`, which keeps the layout and follows the file's indentation.
import { findNodeAtOffset, getNodePath, modify, parseTree } from 'jsonc-parser';
import type { FormattingOptions, JSONPath, Node as JsonNode } from 'jsonc-parser';
import type { Editor, Format, Loc, NewValue, Policy, Statement, TextEdit } from '../model';
import { LineIndex } from '../text';

/** NewValue -> plain JSON value; undefined when it cannot be written as JSON on its own
 *  (resource references, the deployment region: a standalone file has neither). */
export function jsonValueOf(value: NewValue): unknown {
  if ('bool' in value) return value.bool;
  if ('str' in value) return value.str;
  if ('num' in value) return value.num;
  if ('raw' in value) {
    try { return JSON.parse(value.raw); } catch { return undefined; }
  }
  if ('list' in value) {
    const items = value.list.map(jsonValueOf);
    return items.includes(undefined) ? undefined : items;
  }
  if ('obj' in value) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value.obj)) {
      const json = jsonValueOf(v);
      if (json === undefined) return undefined;
      out[k] = json;
    }
    return out;
  }
  return undefined;
}

/** Indentation as the file already uses it (first indented line), two spaces otherwise. */
function formattingOf(text: string): FormattingOptions {
  const m = /\n([ \t]+)\S/.exec(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (m && m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 1, eol };
  return { insertSpaces: true, tabSize: m ? m[1].length : 2, eol };
}

export function jsonEditor(format: Format, textOf: (file: string) => string | undefined): Editor {
  const replace = (loc: Loc, newText: string): TextEdit[] => [{ file: loc.file, range: loc.range, newText }];

  const addCondition = (_policy: Policy, stmt: Statement, operator: string, key: string, values: NewValue): TextEdit[] => {
    const text = textOf(stmt.loc.file);
    if (text === undefined) return [];
    let json = jsonValueOf(values);
    if (json === undefined) return [];
    const lines = new LineIndex(text);
    const tree = parseTree(text);
    const stmtNode = tree && findNodeAtOffset(tree, lines.offsetAt(stmt.loc.range.start), true);
    if (!tree || !stmtNode || stmtNode.type !== 'object' || stmtNode.offset !== lines.offsetAt(stmt.loc.range.start)) return [];
    const path: JSONPath = [...getNodePath(stmtNode), 'Condition', operator, key];
    const existing = nodeAt(stmtNode, ['Condition', operator, key]);
    if (existing) json = merged(existing, json);
    const edits = modify(text, path, json, { formattingOptions: formattingOf(text) });
    return edits.map((e) => ({
      file: stmt.loc.file,
      range: { start: lines.positionAt(e.offset), end: lines.positionAt(e.offset + e.length) },
      newText: e.content,
    }));
  };

  return {
    format,
    replace,
    // A JSON policy file holds no resources: these have nothing to act on.
    setProp: () => [],
    removeProp: () => [],
    insertResource: () => [],
    addCondition,
  };
}

function nodeAt(obj: JsonNode, keys: string[]): JsonNode | undefined {
  let node: JsonNode | undefined = obj;
  for (const key of keys) {
    if (node?.type !== 'object') return undefined;
    const prop: JsonNode | undefined = node.children?.find((p) => p.children?.[0]?.value === key);
    node = prop?.children?.[1];
  }
  return node;
}

/** The values already under the key plus the new ones, without repeats. */
function merged(existing: JsonNode, added: unknown): unknown {
  const old = existing.type === 'array' ? (existing.children ?? []).map((c) => c.value) : [existing.value];
  const extra = Array.isArray(added) ? added : [added];
  const all = [...old];
  for (const v of extra) if (!all.includes(v)) all.push(v);
  return all.length === 1 ? all[0] : all;
}
