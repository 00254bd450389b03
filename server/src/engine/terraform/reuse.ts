// Reuse between builds of one module: what each resource block produced is kept, and the next
// build takes it back for every block whose text and position did not change (the syntax cache
// hands out the same Block object then), as long as nothing else such a block reads changed:
// variables, locals, providers, data sources, tfvars, the set of resources and their
// count/for_each. A keystroke inside one resource then re-extracts that resource alone.
import type { ParseProblem, Policy, Range, Resource } from '../model';
import { attrOf, type Block } from './ast';
import type { ReadFile } from './files';
import type { ModuleFile, ModuleIndex } from './module';
import type { EndpointPolicy } from './policyResources';

/** What one resource block produced, over all its count/for_each instances. */
export interface BlockOutput {
  resources: Resource[];
  policies: Policy[];
  endpointPolicies: EndpointPolicy[];
  /** aws_iam_policy_document data sources its policy arguments use. */
  documents: string[];
  /** Policy problems reported while reading it (all inside the block itself). */
  problems: ParseProblem[];
}

export interface ModuleMemo {
  /** What blocks may read besides themselves; compared item by item, blocks by identity. */
  context: unknown[];
  outputs: Map<Block, BlockOutput>;
}

/** Block types whose content resources read (resources themselves only by address, below). */
const DECLARATIONS = new Set(['variable', 'locals', 'data', 'provider', 'terraform']);
const REGION_ATTRIBUTE_USE = /data\.aws_region\.[\w-]+\.(?:region|name)\b/g;

/** Everything a resource block's extraction may read besides its own block. */
export function contextOf(files: ModuleFile[], texts: Map<string, string>, mod: ModuleIndex, readFile: ReadFile | undefined): unknown[] {
  const out: unknown[] = [readFile];
  for (const f of files) {
    out.push(f.path, f.kind);
    if (f.kind === 'terraform') {
      for (const b of f.blocks) if (DECLARATIONS.has(b.type)) out.push(b);
    } else if (f.kind === 'tfvars') out.push(...f.attrs);
    else out.push(texts.get(f.path));
  }
  // References read other resources' addresses and instances, nothing else of them.
  for (const [key, decl] of mod.resources) out.push(key, attrOf(decl.node, 'count')?.src, attrOf(decl.node, 'for_each')?.src);
  // Fixes write `.region` or `.name` for data.aws_region as the module already does (any file).
  for (const text of texts.values()) out.push(...text.match(REGION_ATTRIBUTE_USE) ?? []);
  return out;
}

export function sameContext(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether every problem lies inside the block: one reported elsewhere (a heredoc in a local) is
 *  reported once per build by whichever block reads it first, so it cannot be replayed. */
export function selfContained(out: BlockOutput, file: string, block: Block): boolean {
  return out.problems.every((p) => p.loc.file === file && inside(p.loc.range, block.range));
}

function inside(inner: Range, outer: Range): boolean {
  const le = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}
