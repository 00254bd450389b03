// A Terraform module directory -> Scope: syntax per file, declarations across files, then one
// canonical resource per (resource block, instance).
import { linesOf, shareLines } from '../fileIndex';
import { parseJsonToVal } from '../json';
import type { FileKind, ParseProblem, Policy, Resource, Scope, SourceFile } from '../model';
import { attrOf, type Block } from './ast';
import { TerraformCache } from './cache';
import { terraformEditor } from './editor';
import { Evaluator } from './eval';
import { expand, type Expansion, type Instance } from './expand';
import { extractResource, type Extractor } from './extract';
import { ModuleFiles, type ReadFile } from './files';
import { handoffResource } from './handoff';
import { TYPES } from './mapping';
import { allowsAwsV6, ModuleIndex, type ModuleFile } from './module';
import { PolicyReader } from './policies';
import { attachEndpointPolicies, holdsPolicy, policiesOf, type EndpointPolicy } from './policyResources';
import { Regions } from './region';
import { blockListsOf, contextOf, moved, movesSince, regionAttributeUses, reachOf, selfContained, type BlockOutput } from './reuse';
import { sameItems } from '../collections';
import { JsonLowerer } from './tfjson';
import { at } from './vals';

export function terraformFileKind(path: string): FileKind {
  const name = path.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  if (name.endsWith('.tf.json')) return 'terraform-json';
  if (name.endsWith('.tfvars.json')) return 'tfvars-json';
  if (name.endsWith('.tf')) return 'terraform';
  if (name.endsWith('.tfvars')) return 'tfvars';
  return 'none';
}

export interface TerraformScopeOptions {
  /** Reads a file of the module directory for `file()`, `templatefile()`, `fileexists()`; paths are
   *  `dir` joined with the path Terraform names (never outside `dir`). Without it they are unknown. */
  readFile?: ReadFile;
}

export function buildTerraformScope(dir: string, files: { path: string; text: string }[], cache?: TerraformCache, options: TerraformScopeOptions = {}): Scope {
  const own = cache ?? new TerraformCache();
  try {
    return build(dir, files, own, options);
  } finally {
    if (!cache) own.clear();
  }
}

function build(dir: string, inputs: { path: string; text: string }[], cache: TerraformCache, options: TerraformScopeOptions): Scope {
  const sourceFiles: SourceFile[] = [];
  const moduleFiles: ModuleFile[] = [];
  for (const { path, text } of inputs) {
    const kind = terraformFileKind(path);
    if (kind === 'none') continue;
    const { file, problems } = readFile(path, text, kind, cache);
    moduleFiles.push(file);
    const source: SourceFile = { path, kind, text, problems, suppressions: [] };
    const lines = cache.linesOf(path, text);
    if (lines) shareLines(source, lines);
    sourceFiles.push(source);
  }
  const texts = new Map(inputs.map((f) => [f.path, f.text]));
  const mod = new ModuleIndex(moduleFiles);
  const expansions = new Map<string, Expansion | 'pending'>();
  const regionUses = regionAttributeUses(texts.values());
  const regions = new Regions(mod, regionUses);
  let cycle = false;
  const expansionOf = (key: string): Expansion => {
    const done = expansions.get(key);
    const decl = mod.resources.get(key);
    // Which instance count a cycle ends up with depends on the order blocks are read in.
    if (done === 'pending') cycle = true;
    if (done === 'pending' || !decl) return { mode: 'unexpanded', instances: [{ key, env: { file: decl?.file ?? '' } }], why: 'count refers to itself' };
    if (done) return done;
    expansions.set(key, 'pending');
    const x = expand(key, decl.node, decl.file, ev);
    expansions.set(key, x);
    return x;
  };
  const filesRead = new ModuleFiles(dir, options.readFile);
  const ev = new Evaluator(mod, expansionOf, regions, filesRead);
  regions.evaluator = ev;
  const policies = new PolicyReader(mod, ev, texts);
  const x: Extractor = { ev, regions, policies };

  const resources: Resource[] = [];
  const scopePolicies: Policy[] = [];
  const endpointPolicies: EndpointPolicy[] = [];
  for (const [key, decl] of mod.providers) {
    if (!key.startsWith('aws')) continue;
    resources.push(providerResource(x, key, decl.node, decl.file));
  }
  const previous = cache.memoOf(dir);
  const moves = previous ? movesSince(previous, moduleFiles, cache) : [];
  const origin = (node: object): object => {
    for (let i = 0; i < moves.length; i++) {
      const was = moves[i].origin.get(node);
      if (was) return was;
    }
    return node;
  };
  const context = contextOf(moduleFiles, texts, mod, options.readFile, origin, regionUses);
  const reusable = previous && sameItems(previous.context, context) ? previous.outputs : undefined;
  const outputs = new Map<Block, BlockOutput>();
  let replayable = true;
  mod.resources.forEach((decl, key) => {
    const type = key.slice(0, key.indexOf('.'));
    if (!TYPES[type] && !holdsPolicy(type)) return;
    let out = reusable?.get(origin(decl.node) as Block);
    if (out) {
      out = moved(out, moves);
      policies.replay(out.documents, out.problems);
    } else {
      out = extractBlock(x, type, decl.node, expansionOf(key).instances);
      replayable &&= selfContained(out, decl.file, decl.node);
    }
    outputs.set(decl.node, out);
    resources.push(...out.resources);
    scopePolicies.push(...out.policies);
    endpointPolicies.push(...out.endpointPolicies);
  });
  for (const [name, decl] of mod.modules) resources.push(handoffResource(x, name, decl.node, decl.file));
  for (const key of mod.data.keys()) {
    if (!key.startsWith('aws_iam_policy_document.') || policies.usedDocuments.has(key)) continue;
    const policy = policies.fromDocument(key, 'standalone', `data.${key}`);
    if (policy) scopePolicies.push(policy);
  }
  const sourceOf = (path: string) => sourceFiles.find((f) => f.path === path);
  for (const p of policies.problems) sourceOf(p.loc.file)?.problems.push(p);

  const byKey = new Map<string, Resource>();
  for (let i = 0; i < resources.length; i++) if (!byKey.has(resources[i].key)) byKey.set(resources[i].key, resources[i]);
  scopePolicies.push(...attachEndpointPolicies(endpointPolicies, resources, byKey));
  const dependencies = filesRead.readPaths();
  // What a build read from outside the module, or read in an order-dependent way, is not replayed.
  cache.setMemo(dir, replayable && !cycle && !dependencies.length ? { context, outputs, blockLists: blockListsOf(moduleFiles) } : undefined);
  const scope: Scope = {
    id: dir, format: 'terraform', files: sourceFiles, resources, byKey, policies: scopePolicies,
    dependencies,
    editor: terraformEditor({
      textOf: (path) => texts.get(path),
      linesOf: (path) => {
        const file = sourceOf(path);
        return file && linesOf(file);
      },
      blocksOf: (path) => moduleFiles.find((f) => f.path === path)?.blocks ?? [],
      problemsOf: (path) => sourceOf(path)?.problems.map((p) => p.loc.range) ?? [],
      resourceNames: new Set(mod.resources.keys()),
      fallbackRegionExpr: `data.aws_region.current.${allowsAwsV6(mod.awsVersionConstraint()) ? 'region' : 'name'}`,
    }),
  };
  return scope;
}

function extractBlock(x: Extractor, type: string, block: Block, instances: Instance[]): BlockOutput {
  const read = x.policies.track(() => {
    const out: Pick<BlockOutput, 'resources' | 'policies' | 'endpointPolicies'> = { resources: [], policies: [], endpointPolicies: [] };
    for (const inst of instances) {
      if (TYPES[type]) out.resources.push(...extractResource(x, type, block, inst));
      else out.policies.push(...policiesOf(x, type, block, inst, out.endpointPolicies));
    }
    return out;
  });
  const out = { ...read.value, documents: read.documents, problems: read.problems };
  return { ...out, reach: reachOf(out) };
}

function readFile(path: string, text: string, kind: FileKind, cache: TerraformCache): { file: ModuleFile; problems: ParseProblem[] } {
  if (kind === 'terraform' || kind === 'tfvars') {
    const syntax = cache.syntaxOf(path, text);
    return {
      file: { path, kind, blocks: syntax.blocks, attrs: syntax.attrs },
      problems: syntax.problems.map((p) => ({ loc: at(path, p.range), message: p.message })),
    };
  }
  if (text.length > 2 * 1024 * 1024) {
    return { file: { path, kind, blocks: [], attrs: [] }, problems: [{ loc: at(path, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }), message: 'File is larger than 2 MB: not analysed.' }] };
  }
  const { val, problems } = parseJsonToVal(text, path);
  const file: ModuleFile = { path, kind, blocks: [], attrs: [] };
  if (val && kind === 'terraform-json') file.blocks = new JsonLowerer(text).blocks(val);
  if (val?.t === 'obj' && kind === 'tfvars-json') file.jsonVars = val.entries.map((e) => ({ name: e.key, val: e.value }));
  return { file, problems };
}

function providerResource(x: Extractor, key: string, block: Block, file: string): Resource {
  const res: Resource = {
    kind: 'provider', key: `provider.${key}`, nativeType: 'provider', displayName: `provider \`${key}\``, format: 'terraform',
    loc: at(file, block.range), nameLoc: at(file, block.labels[0]?.range ?? block.typeRange), props: {}, propKeyLocs: {},
    region: { deployment: true },
  };
  for (const name of ['region', 'alias']) {
    const a = attrOf(block, name);
    if (!a) continue;
    res.props[name] = x.ev.eval(a.value, { file });
    res.propKeyLocs[name] = at(file, a.nameRange);
  }
  res.region = x.regions.providerInfo(key);
  return res;
}
