// Reuse between builds of one module: what each resource block produced is kept, and the next
// build takes it back for every block whose text did not change (the syntax cache hands out the
// same Block object, or says which block a moved one was), as long as nothing else such a block
// reads changed: variables, locals, providers, data sources, tfvars, the set of resources and
// their count/for_each. Moved blocks get their positions moved. A keystroke inside one resource
// then re-extracts that resource alone.
import type { Loc, ParseProblem, Policy, Position, Range, Resource } from '../model';
import { attrOf, unmoved, type Block } from './ast';
import type { Moves, TerraformCache } from './cache';
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
  /** The last position each file is referenced at: an edit after it moves nothing here. */
  reach: Map<string, Position>;
}

export interface ModuleMemo {
  /** What blocks may read besides themselves; compared item by item, blocks by identity. */
  context: unknown[];
  outputs: Map<Block, BlockOutput>;
  /** Each HCL file's block list, to ask the syntax cache how the file changed since. */
  blockLists: Map<string, Block[]>;
}

/** Block types whose content resources read (resources themselves only by address, below). */
const DECLARATIONS = new Set(['variable', 'locals', 'data', 'provider', 'terraform']);
const REGION_ATTRIBUTE_USE = /data\.aws_region\.[\w-]+\.(?:region|name)\b/g;

/** Everything a resource block's extraction may read besides its own block. */
export function contextOf(files: ModuleFile[], texts: Map<string, string>, mod: ModuleIndex, readFile: ReadFile | undefined, origin: (node: object) => object, regionUses: readonly string[]): unknown[] {
  const out: unknown[] = [readFile];
  for (const f of files) {
    out.push(f.path, f.kind);
    if (f.kind === 'terraform') {
      for (let i = 0; i < f.blocks.length; i++) if (DECLARATIONS.has(f.blocks[i].type)) out.push(origin(f.blocks[i]));
    } else if (f.kind === 'tfvars') for (let i = 0; i < f.attrs.length; i++) out.push(origin(f.attrs[i]));
    else out.push(texts.get(f.path));
  }
  // References read other resources' addresses and instances, nothing else of them.
  mod.resources.forEach((decl, key) => {
    const node = unmoved(decl.node); // source text only: a moved block need not be moved for it
    out.push(key, attrOf(node, 'count')?.src, attrOf(node, 'for_each')?.src);
  });
  // Fixes write `.region` or `.name` for data.aws_region as the module already does (any file).
  out.push(...regionUses);
  return out;
}

/** Every distinct `data.aws_region.<n>.region` or `.name` in the texts, in the order first used. */
export function regionAttributeUses(texts: Iterable<string>): string[] {
  const uses = new Set<string>();
  for (const text of texts) for (const use of text.match(REGION_ATTRIBUTE_USE) ?? []) uses.add(use);
  return [...uses];
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

export function blockListsOf(files: ModuleFile[]): Map<string, Block[]> {
  return new Map(files.filter((f) => f.kind === 'terraform' || f.kind === 'tfvars').map((f) => [f.path, f.blocks]));
}

/** How each HCL file that changed since the memo's build got its syntax by moving blocks. */
export function movesSince(memo: ModuleMemo, files: ModuleFile[], cache: TerraformCache): Moves[] {
  const out: Moves[] = [];
  for (const f of files) {
    const before = memo.blockLists.get(f.path);
    const moves = before && before !== f.blocks ? cache.movesSince(f.path, before) : undefined;
    if (moves) out.push(moves);
  }
  return out;
}

/** A block's output with the positions an edit moved moved too (the same object when none). */
export function moved(out: BlockOutput, moves: Moves[]): BlockOutput {
  if (!moves.length) return out;
  const affected = moves.filter((m) => {
    const last = out.reach.get(m.path);
    return last && !isBefore(last, m.from);
  });
  if (!affected.length) return out;
  const loc = (l: Loc): Loc => {
    const m = affected.find((x) => x.path === l.file);
    return m ? { file: l.file, range: { start: movePosition(l.range.start, m), end: movePosition(l.range.end, m) } } : l;
  };
  const reach = new Map(out.reach);
  for (const m of affected) reach.set(m.path, movePosition(reach.get(m.path)!, m));
  return {
    resources: mapLocs(out.resources, loc), policies: mapLocs(out.policies, loc), endpointPolicies: mapLocs(out.endpointPolicies, loc),
    documents: out.documents, problems: mapLocs(out.problems, loc), reach,
  };
}

export function reachOf(out: Omit<BlockOutput, 'reach'>): Map<string, Position> {
  const reach = new Map<string, Position>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { for (const x of v) visit(x); return; }
    if (v === null || typeof v !== 'object') return;
    if (isLoc(v)) {
      const last = reach.get(v.file);
      if (!last || isBefore(last, v.range.end)) reach.set(v.file, v.range.end);
      return;
    }
    const o = v as Record<string, unknown>;
    for (const k in o) visit(o[k]);
  };
  visit([out.resources, out.policies, out.endpointPolicies, out.problems]);
  return reach;
}

/** A copy of `v` with every Loc replaced by `loc(it)`; parts without a changed Loc are shared. */
function mapLocs<T>(v: T, loc: (l: Loc) => Loc): T {
  if (Array.isArray(v)) {
    const items = v.map((x) => mapLocs(x, loc));
    return (items.some((x, i) => x !== v[i]) ? items : v) as T;
  }
  if (v === null || typeof v !== 'object') return v;
  if (isLoc(v)) return loc(v) as T;
  const o = v as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const k in o) {
    const y = mapLocs(o[k], loc);
    if (y !== o[k]) (copy ??= { ...o })[k] = y;
  }
  return (copy ?? v) as T;
}

function isLoc(v: object): v is Loc {
  const o = v as Partial<Loc>;
  return typeof o.file === 'string' && typeof o.range === 'object' && o.range !== null && 'start' in o.range;
}

function movePosition(p: Position, m: Moves): Position {
  if (isBefore(p, m.from)) return p;
  return p.line === m.from.line
    ? { line: m.to.line, character: m.to.character + p.character - m.from.character }
    : { line: p.line + m.to.line - m.from.line, character: p.character };
}

function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}
