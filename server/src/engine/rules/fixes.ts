// Building fixes: edits through the scope's editor, removing a whole block, and the names of
// inserted endpoints.
import type { NewValue, Resource, Scope, TextEdit } from '../model';
import type { Fix, RuleContext } from '../rule';
import { fileOf, linesOf } from '../fileIndex';
import { endpointService } from './service-names';
import { sourceText } from './source-text';

/** Several properties of one resource set in one change (see `Editor.setProps`). */
export function setProps(scope: Scope, res: Resource, values: [prop: string, value: NewValue][]): TextEdit[] {
  const editor = scope.editor;
  return editor.setProps ? editor.setProps(res, values) : values.flatMap(([prop, value]) => editor.setProp(res, prop, value));
}

/** A fix, or nothing when the editor could not express it (no edits). */
export function fixOf(title: string, edits: TextEdit[], flags: { safe: boolean; preferred?: boolean }): Fix[] {
  if (!edits.length) return [];
  return [{ title, edits, safe: flags.safe, ...(flags.preferred ? { preferred: true } : {}) }];
}

/**
 * Deletes a whole Terraform block (a resource, or an inline block such as `route`): its lines,
 * and the blank line before it. Undefined when the block does not stand on lines of its own, or
 * does not read cleanly (the editor's rule: removing it could change how the rest is read).
 */
export function removeBlockEdits(ctx: RuleContext, res: Resource): TextEdit[] | undefined {
  const file = fileOf(ctx.scope, res.loc.file);
  if (!file || res.format !== 'terraform' || ctx.scope.editor.readsCleanly?.(res.loc) === false) return undefined;
  const lines = linesOf(file);
  const line = (n: number) => lines.lineText(n);
  const { start, end } = res.loc.range;
  if (line(start.line).slice(0, start.character).trim() || line(end.line).slice(end.character).trim()) return undefined;
  const first = start.line > 0 && line(start.line - 1).trim() === '' ? start.line - 1 : start.line;
  const from = first < start.line ? { line: first, character: 0 } : { line: start.line, character: 0 };
  const to = end.line + 1 < lines.lineCount ? { line: end.line + 1, character: 0 } : { line: end.line, character: line(end.line).length };
  return ctx.scope.editor.replace({ file: res.loc.file, range: { start: from, end: to } }, '');
}

/** A resource name for an inserted endpoint: `ecr_api` in Terraform, `EcrApiEndpoint` in CloudFormation. */
export function newResourceName(scope: Scope, words: string): string {
  const parts = words.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (scope.format === 'cloudformation') return [...parts, 'Endpoint'].map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  return parts.join('_').toLowerCase();
}

/**
 * The source text of an endpoint's service name with its service suffix replaced, e.g.
 * `"com.amazonaws.${data.aws_region.current.region}.ssm"` -> `...ssmmessages"`: the new name keeps
 * the region expression the module uses. Undefined unless the suffix is literal text at the end.
 */
export function serviceNameTextFor(scope: Scope, ep: Resource, suffix: string): string | undefined {
  const svc = endpointService(ep);
  const last = svc?.val.parts[svc.val.parts.length - 1];
  if (!svc || last?.text === undefined || !last.text.endsWith(`.${svc.parsed.service}`)) return undefined;
  const whole = sourceText(scope, svc.val.loc);
  const file = fileOf(scope, svc.val.loc.file);
  const r = last.loc.range;
  if (whole === undefined || !file || r.start.line !== r.end.line || r.end.character - r.start.character !== last.text.length) return undefined;
  const lines = linesOf(file);
  const end = lines.offsetAt(r.end) - lines.offsetAt(svc.val.loc.range.start);
  const start = end - svc.parsed.service.length;
  if (start < 0 || whole.slice(start, end) !== svc.parsed.service) return undefined;
  return whole.slice(0, start) + suffix + whole.slice(end);
}
