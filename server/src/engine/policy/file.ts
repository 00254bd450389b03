// Standalone JSON policy documents (endpoint, bucket, SCP/RCP files) as a scope of their own.
import { parseTree } from 'jsonc-parser';
import { parseJsonToVal } from '../json';
import type { Scope } from '../model';
import { policyFromVal } from './fromVal';
import { jsonEditor } from '../cloudformation/jsonEditor';

/** Content sniff: a JSON object with a top-level `Statement` (half-typed files included). */
export function looksLikePolicy(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('{') || !text.includes('"Statement"')) return false;
  try {
    const root = parseTree(text);
    return root?.type === 'object' && (root.children ?? []).some((p) => p.children?.[0]?.value === 'Statement');
  } catch {
    return false;
  }
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
