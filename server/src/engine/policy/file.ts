// Standalone JSON policy documents (endpoint, bucket, SCP/RCP files) as a scope of their own.
import { parseJsonToVal } from '../json';
import type { Scope } from '../model';
import { policyFromVal } from './fromVal';
import { jsonEditor } from '../cloudformation/jsonEditor';

/** Content sniff: a JSON object with a top-level `Statement` (half-typed files included). The
 *  parse is cached by path, so building the scope afterwards does not parse again. */
export function looksLikePolicy(text: string, path = ''): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('{') || !text.includes('"Statement"')) return false;
  const { val } = parseJsonToVal(text, path);
  return val?.t === 'obj' && val.entries.some((e) => e.key === 'Statement');
}

export function buildPolicyScope(file: { path: string; text: string }): Scope {
  const { val, problems } = parseJsonToVal(file.text, file.path);
  const policy = val && policyFromVal(val, 'standalone', 'json');
  return {
    id: `file:${file.path}`,
    format: 'policy',
    files: [{ path: file.path, kind: 'policy-json', text: file.text, problems, suppressions: [] }],
    resources: [],
    byKey: new Map(),
    policies: policy ? [policy] : [],
    editor: jsonEditor('policy', file.path, file.text),
  };
}
