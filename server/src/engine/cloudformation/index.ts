// CloudFormation front end: one template (YAML or JSON, SAM and CDK output included) -> Scope.
import { parseJsonToVal } from '../json';
import type { FileKind, Loc, ObjEntry, ObjVal, ParseProblem, Policy, PolicyKind, RegionInfo, Resource, Scope, SourceFile, StrVal, Val } from '../model';
import { policyFromVal } from '../policy/fromVal';
import { createCloudFormationEditor } from './editor';
import { IntrinsicResolver, Parameter } from './intrinsics';
import { ResolveCache } from './resolveCache';
import { lookup, mapResource, resourcePolicyProperty } from './resources';
import { TemplateSource } from './source';
import { parseYamlToVal } from './yaml';

/** Larger templates are not read (CloudFormation itself caps template bodies at 1 MB). */
export const MAX_TEMPLATE_CHARS = 2 * 1024 * 1024;

type TemplateKind = 'cloudformation-yaml' | 'cloudformation-json';

/** `AWSTemplateFormatVersion` as the first key of the root mapping: after blank lines, comments
 *  and a document start in YAML; right after the opening brace in JSON. */
const YAML_VERSION_FIRST = /^(?:[ \t]*(?:#[^\n]*)?\r?\n|---[ \t]*\r?\n)*AWSTemplateFormatVersion[ \t]*:/;
const JSON_VERSION_FIRST = /^\s*\{\s*"AWSTemplateFormatVersion"\s*:/;

export function looksLikeCloudFormation(text: string, path: string): TemplateKind | undefined {
  if (/\.(tf|tfvars)\.json$/i.test(path) || text.length > MAX_TEMPLATE_CHARS) return undefined;
  // Cheap textual filter first: most YAML/JSON files in a workspace are not templates.
  const maybe = /AWSTemplateFormatVersion/.test(text)
    || /AWS::Serverless/.test(text)
    || (/Resources/.test(text) && /Type['"]?\s*:\s*['"]?AWS::/.test(text));
  if (!maybe) return undefined;
  const kind = templateKind(text, path);
  // A template that starts with its version key is one without a parse (every keystroke in an
  // open template asks again).
  if ((kind === 'cloudformation-yaml' ? YAML_VERSION_FIRST : JSON_VERSION_FIRST).test(text)) return kind;
  const root = parseTemplate(text, path, kind).val;
  if (root?.t !== 'obj') return undefined;
  if (lookup(root, 'AWSTemplateFormatVersion')) return kind;
  const transform = lookup(root, 'Transform')?.value;
  const transforms = transform?.t === 'list' ? transform.items : transform ? [transform] : [];
  if (transforms.some(t => t.t === 'str' && t.v?.startsWith('AWS::Serverless'))) return kind;
  const resources = lookup(root, 'Resources')?.value;
  if (resources?.t !== 'obj') return undefined;
  const typed = resources.entries.some(e => {
    const type = lookup(e.value, 'Type')?.value;
    return type?.t === 'str' && type.v?.startsWith('AWS::');
  });
  return typed ? kind : undefined;
}

function templateKind(text: string, path: string): TemplateKind {
  if (/\.json$/i.test(path)) return 'cloudformation-json';
  if (/\.ya?ml$/i.test(path)) return 'cloudformation-yaml';
  return /^\s*\{/.test(text) ? 'cloudformation-json' : 'cloudformation-yaml';
}

function parseTemplate(text: string, path: string, kind: TemplateKind, source?: TemplateSource) {
  return kind === 'cloudformation-json' ? parseJsonToVal(text, path) : parseYamlToVal(text, path, source?.lines);
}

export function buildCloudFormationScope(file: { path: string; text: string }, options: { region?: string }): Scope {
  const kind: FileKind = templateKind(file.text, file.path);
  const source = new TemplateSource(file.path, file.text);
  const problems: ParseProblem[] = [];
  const sourceFile: SourceFile = { path: file.path, kind, text: file.text, problems, suppressions: [] };
  const scope: Scope = {
    id: file.path, format: 'cloudformation', files: [sourceFile], resources: [], byKey: new Map(), policies: [],
    editor: createCloudFormationEditor(source, kind),
  };
  const start: Loc = { file: file.path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  if (file.text.length > MAX_TEMPLATE_CHARS) {
    problems.push({ loc: start, message: `Template larger than ${MAX_TEMPLATE_CHARS / 1024 / 1024} MB: not read` });
    return scope;
  }
  const parsed = parseTemplate(file.text, file.path, kind, source);
  problems.push(...parsed.problems);
  const root = parsed.val;
  if (!root) return scope;
  if (root.t !== 'obj') {
    problems.push({ loc: root.loc, message: 'Not a CloudFormation template: the top level is not a mapping' });
    return scope;
  }
  new TemplateReader(scope, root, source, options.region, problems).read();
  return scope;
}

interface Attachment { gateway: string; vpc: Val; keyLoc: Loc }

/** What one `Resources` entry produced: canonical resources (with their attached policies),
 *  policies of the template itself, problems found reading them, a VPN gateway attachment. */
interface EntryOutput { resources: Resource[]; policies: Policy[]; problems: ParseProblem[]; attachment?: Attachment }

const entryOutputs = new WeakMap<Val, { context: object; id: string; out: EntryOutput }>();

class TemplateReader {
  private readonly resolvedProps: ResolveCache;
  private readonly types = new Map<string, string>();
  private readonly region: RegionInfo;

  constructor(
    private readonly scope: Scope,
    private readonly root: ObjVal,
    private readonly source: TemplateSource,
    region: string | undefined,
    private readonly problems: ParseProblem[],
  ) {
    const parameters = new Map<string, Parameter>();
    const params = lookup(root, 'Parameters')?.value;
    if (params?.t === 'obj') {
      for (const e of params.entries) {
        const type = lookup(e.value, 'Type')?.value;
        parameters.set(e.key, { type: type?.t === 'str' ? type.v : undefined, default: lookup(e.value, 'Default')?.value });
      }
    }
    const mappings = lookup(root, 'Mappings')?.value;
    const entries = this.resourceEntries();
    for (let i = 0; i < entries.length; i++) {
      const type = lookup(entries[i].value, 'Type')?.value;
      if (type?.t === 'str' && type.v !== undefined) this.types.set(entries[i].key, type.v);
    }
    const context = { source, parameters, mappings: mappings?.t === 'obj' ? mappings : undefined, resourceTypes: this.types, region };
    this.resolvedProps = new ResolveCache(context, new IntrinsicResolver(context));
    this.region = region !== undefined
      ? { value: region, deployment: false, via: '--region / setting', expr: 'AWS::Region' }
      : { deployment: true, expr: 'AWS::Region' };
  }

  /** The `Resources` entries, as they are (callers loop by index: see "Keystroke paths" in the
   *  README). */
  private resourceEntries(): readonly ObjEntry[] {
    const resources = lookup(this.root, 'Resources')?.value;
    return resources?.t === 'obj' ? resources.entries : [];
  }

  read(): void {
    const attachments: Attachment[] = [];
    const entries = this.resourceEntries();
    for (let i = 0; i < entries.length; i++) {
      const { key: id, value: raw, keyLoc } = entries[i];
      const type = this.types.get(id);
      if (raw.t !== 'obj' || type === undefined) {
        this.problems.push({ loc: keyLoc, message: `Resource ${id} has no Type` });
        continue;
      }
      const out = this.entryOutput(id, type, raw, keyLoc);
      for (let r = 0; r < out.resources.length; r++) this.add(out.resources[r]);
      this.scope.policies.push(...out.policies);
      this.problems.push(...out.problems);
      if (out.attachment) attachments.push(out.attachment);
    }
    for (const a of attachments) {
      const gateway = this.scope.byKey.get(a.gateway);
      if (gateway?.kind === 'vpn_gateway' && !gateway.props.vpc) {
        // A copy: the gateway's own output is reused by later builds that may lack the attachment.
        this.add({ ...gateway, props: { ...gateway.props, vpc: a.vpc }, propKeyLocs: { ...gateway.propKeyLocs, vpc: a.keyLoc } }, gateway);
      }
    }
  }

  /** What one resource entry produces. The YAML reader hands back the same raw tree for a resource
   *  whose text and place did not change, so while the template context is the same too the
   *  previous build's output is taken back: its resources keep their identity (and with it the
   *  facts rules derived from them), and the keystroke maps one resource only. */
  private entryOutput(id: string, type: string, raw: ObjVal, keyLoc: Loc): EntryOutput {
    const hit = entryOutputs.get(raw);
    if (hit && hit.context === this.resolvedProps.context && hit.id === id) return hit.out;
    const propsVal = lookup(raw, 'Properties')?.value;
    const resolved = propsVal ? this.resolvedProps.resolve(propsVal) : undefined;
    const props = resolved?.t === 'obj' ? resolved : undefined;
    const condition = lookup(raw, 'Condition')?.value;
    const base = {
      key: id, nativeType: type, displayName: id, format: 'cloudformation' as const,
      loc: { file: keyLoc.file, range: { start: keyLoc.range.start, end: raw.loc.range.end } },
      nameLoc: keyLoc, region: this.region,
      condition: condition?.t === 'str' ? condition.v : undefined,
      ignoreCodes: this.ignoreCodes(raw),
    };
    if (base.condition === undefined) delete base.condition;
    if (base.ignoreCodes === undefined) delete base.ignoreCodes;
    const out: EntryOutput = { resources: mapResource({ id, type, props, base, types: this.types }), policies: [], problems: [] };
    this.readPolicies(out, id, type, props);
    if (type === 'AWS::EC2::VPCGatewayAttachment') {
      const gateway = lookup(props, 'VpnGatewayId');
      const vpc = lookup(props, 'VpcId');
      if (gateway?.value.t === 'ref' && vpc) out.attachment = { gateway: gateway.value.target, vpc: vpc.value, keyLoc: vpc.keyLoc };
    }
    entryOutputs.set(raw, { context: this.resolvedProps.context, id, out });
    return out;
  }

  /** Adds a resource, or puts it in the place of `replaces`. */
  private add(res: Resource, replaces?: Resource): void {
    const at = replaces ? this.scope.resources.indexOf(replaces) : -1;
    if (at >= 0) this.scope.resources[at] = res;
    else this.scope.resources.push(res);
    this.scope.byKey.set(res.key, res);
  }

  private ignoreCodes(raw: ObjVal): string[] | undefined {
    const ignore = lookup(lookup(raw, 'Metadata')?.value, 'vpce-lint.ignore')?.value;
    if (!ignore) return undefined;
    const items = ignore.t === 'list' ? ignore.items : [ignore];
    return items.flatMap(i => (i.t === 'str' && i.v ? i.v.split(/[\s,]+/).filter(Boolean) : []));
  }

  private readPolicies(out: EntryOutput, id: string, type: string, props: ObjVal | undefined): void {
    const attach = (doc: Val | undefined, kind: PolicyKind) => {
      const policy = doc && this.policy(doc, kind, id, out.problems);
      if (!policy) return;
      const res = out.resources.find((r) => r.key === id);
      if (res && kind !== 'identity') (res.policies ??= []).push(policy);
      else out.policies.push(policy);
    };
    switch (type) {
      case 'AWS::EC2::VPCEndpoint': attach(lookup(props, 'PolicyDocument')?.value, 'endpoint'); break;
      case 'AWS::S3::BucketPolicy': attach(lookup(props, 'PolicyDocument')?.value, 'bucket'); break;
      case 'AWS::IAM::Policy': case 'AWS::IAM::ManagedPolicy':
        attach(lookup(props, 'PolicyDocument')?.value, 'identity');
        break;
      case 'AWS::Organizations::Policy': {
        // SCPs and RCPs are IAM documents; tag, backup and other policy types are not.
        const policyType = lookup(props, 'Type')?.value;
        const name = policyType?.t === 'str' ? policyType.v : undefined;
        const kind = name === undefined ? 'standalone' : ORGANIZATIONS_KINDS.get(name);
        if (kind) attach(lookup(props, 'Content')?.value, kind);
        break;
      }
      case 'AWS::IAM::Role': case 'AWS::IAM::User': case 'AWS::IAM::Group': {
        const policies = lookup(props, 'Policies')?.value;
        if (policies?.t === 'list') for (const p of policies.items) attach(lookup(p, 'PolicyDocument')?.value, 'identity');
        break;
      }
      default: {
        const property = resourcePolicyProperty(type);
        if (property) attach(lookup(props, property)?.value, 'resource');
      }
    }
  }

  private policy(doc: Val, kind: PolicyKind, owner: string, problems: ParseProblem[]): Policy | undefined {
    const templateSyntax = this.scope.files[0].kind === 'cloudformation-json' ? 'json' : 'yaml';
    if (doc.t === 'str' && doc.v !== undefined) {
      const json = this.embeddedJson(doc, problems);
      return json && policyFromVal(json, kind, 'json', owner);
    }
    return policyFromVal(doc, kind, templateSyntax, owner);
  }

  /** A policy document written as a JSON string (older templates). Positions map into the
   *  template when the string's source text is the JSON itself (up to indentation). */
  private embeddedJson(str: StrVal, into: ParseProblem[]): Val | undefined {
    const text = str.v ?? '';
    const part = str.parts.length === 1 ? str.parts[0] : undefined;
    const written = part && part.text !== undefined ? this.source.slice(part.loc) : undefined;
    const squash = (s: string) => s.replace(/\s+/g, '');
    if (part && written !== undefined && (written === text || squash(written) === squash(text))) {
      const { val, problems } = parseJsonToVal(written, this.source.file, part.loc.range.start);
      into.push(...problems);
      return val;
    }
    const { val, problems } = parseJsonToVal(text, this.source.file);
    into.push(...problems.map(p => ({ ...p, loc: str.loc })));
    return val && relocate(val, str.loc);
  }
}

/** Organizations policy types written in the IAM policy language. */
const ORGANIZATIONS_KINDS = new Map<string, PolicyKind>([['SERVICE_CONTROL_POLICY', 'identity'], ['RESOURCE_CONTROL_POLICY', 'resource']]);

/** Every location of a value tree moved to `loc` (JSON whose characters do not map to the file). */
function relocate(val: Val, loc: Loc): Val {
  switch (val.t) {
    case 'str': return { ...val, loc, parts: val.parts.map(p => ({ ...p, loc })) };
    case 'list': return { ...val, loc, items: val.items.map(i => relocate(i, loc)) };
    case 'obj': return { ...val, loc, entries: val.entries.map(e => ({ key: e.key, keyLoc: loc, value: relocate(e.value, loc) })) };
    default: return { ...val, loc };
  }
}
