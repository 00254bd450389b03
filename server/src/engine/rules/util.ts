// Small helpers shared by rules: reading canonical properties and service names precisely.
import type { Loc, NewValue, ObjVal, Resource, ResourceKind, StrVal, TextEdit, Val } from '../model';
import type { Fix, RuleContext } from '../rule';
import { parseServiceName, regionEntry, type ParsedServiceName } from '../data/aws';
import type { Scope } from '../model';
import type { Condition, Policy, Statement } from '../model';
import { sameKey } from '../policy/keys';
import { fileOf, linesOf, textAt } from '../fileIndex';
import { zoneOf } from './zones';

export function str(val: Val | undefined): StrVal | undefined {
  return val?.t === 'str' ? val : undefined;
}

/** The known string value of a property, or undefined when absent or not resolvable. */
export function strValue(val: Val | undefined): string | undefined {
  return val?.t === 'str' ? val.v : undefined;
}

/** true/false when known; string "true"/"false" count (CloudFormation allows both). */
export function boolValue(val: Val | undefined): boolean | undefined {
  if (val?.t === 'bool') return val.v;
  if (val?.t === 'str' && val.v !== undefined) {
    const v = val.v.toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  return undefined;
}

export type EndpointType = 'Gateway' | 'Interface' | 'GatewayLoadBalancer' | 'Resource' | 'ServiceNetwork';

/** The endpoint's type, including the format's default when not written; undefined if unknown. */
export function endpointType(ep: Resource): EndpointType | undefined {
  const v = strValue(ep.props.type);
  if (!v) return undefined;
  const canonical = ['Gateway', 'Interface', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'].find((t) => t.toLowerCase() === v.toLowerCase());
  return canonical as EndpointType | undefined;
}

export interface EndpointService {
  /** The service name as written, with unknown region pieces shown as `{region}`. */
  shape: string;
  parsed: ParsedServiceName;
  /** The service-name value. */
  val: StrVal;
  /** True when every piece of the name is known. */
  resolved: boolean;
}

/**
 * The endpoint's service name, parsed. A name whose region comes from the deployment region
 * (`${AWS::Region}`, `${data.aws_region.current.region}`) still yields its service part.
 */
export function endpointService(ep: Resource): EndpointService | undefined {
  // Every rule asks for every endpoint's service: parsed once per resource (the model is not
  // changed after a scope is built).
  if (services.has(ep)) return services.get(ep);
  const service = readEndpointService(ep);
  services.set(ep, service);
  return service;
}

const services = new WeakMap<Resource, EndpointService | undefined>();

function readEndpointService(ep: Resource): EndpointService | undefined {
  const val = str(ep.props.service_name);
  if (!val) return undefined;
  if (val.v !== undefined) {
    const parsed = parseServiceName(val.v);
    return parsed && { shape: val.v, parsed, val, resolved: true };
  }
  let shape = '';
  for (const p of val.parts) {
    if (p.text !== undefined) shape += p.text;
    else if (p.value !== undefined) shape += p.value;
    else if (p.isRegion) shape += REGION_PLACEHOLDER;
    else return undefined; // an unknown piece that is not the region: nothing can be said
  }
  const parsed = parseServiceName(shape.split(REGION_PLACEHOLDER).join(PLACEHOLDER_REGION));
  if (!parsed) return undefined;
  if (parsed.region === PLACEHOLDER_REGION) parsed.region = undefined;
  return { shape: shape.split(REGION_PLACEHOLDER).join('{region}'), parsed, val, resolved: false };
}

const REGION_PLACEHOLDER = '\u0000';
// A region that parses like a real one but is never compared: only the service part is used.
const PLACEHOLDER_REGION = 'us-east-1';

/**
 * The source location of characters [start, end) of a string value's resolved text: exact when
 * they lie inside one literal piece, else the piece(s) that produce them, else the whole value.
 */
export function locateInStr(val: StrVal, start: number, end: number): Loc {
  let at = 0;
  for (const p of val.parts) {
    const text = p.text ?? p.value;
    if (text === undefined) return val.loc;
    const pStart = at;
    const pEnd = at + text.length;
    at = pEnd;
    if (start >= pStart && end <= pEnd) {
      if (p.text === undefined) return p.loc; // inside an interpolation: point at the expression
      const r = p.loc.range;
      if (r.start.line !== r.end.line || r.end.character - r.start.character !== text.length) return p.loc;
      return {
        file: p.loc.file,
        range: {
          start: { line: r.start.line, character: r.start.character + (start - pStart) },
          end: { line: r.start.line, character: r.start.character + (end - pStart) },
        },
      };
    }
  }
  return val.loc;
}

/** The piece of a string value that covers [start, end), when exactly one does. */
export function pieceAt(val: StrVal, start: number, end: number): StrVal['parts'][number] | undefined {
  let at = 0;
  for (const p of val.parts) {
    const text = p.text ?? p.value;
    if (text === undefined) return undefined;
    if (start >= at && end <= at + text.length) return p;
    at += text.length;
  }
  return undefined;
}

/** Resources in the same VPC as `res` (by its `vpc` reference), or undefined when unknown. */
export function vpcKey(res: Resource): string | undefined {
  const v = res.props.vpc;
  return v?.t === 'ref' ? v.target : undefined;
}

/** Like locateInStr, but only when [start, end) is literal text written at one place that maps
 *  character for character (so a fix may replace exactly those characters). */
export function exactLocInStr(val: StrVal, start: number, end: number): Loc | undefined {
  const piece = pieceAt(val, start, end);
  if (!piece || piece.text === undefined) return undefined;
  const loc = locateInStr(val, start, end);
  const r = loc.range;
  return r.start.line === r.end.line && r.end.character - r.start.character === end - start ? loc : undefined;
}

/** `inner` lies inside `outer` (same file). */
export function locWithin(outer: Loc, inner: Loc): boolean {
  const before = (a: Loc['range']['start'], b: Loc['range']['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return outer.file === inner.file && before(outer.range.start, inner.range.start) && before(inner.range.end, outer.range.end);
}

/** How an endpoint property is spelled in the resource's own format, for messages. */
const ENDPOINT_ATTRIBUTES: Record<string, [terraform: string, cloudformation: string]> = {
  service_name: ['service_name', 'ServiceName'],
  type: ['vpc_endpoint_type', 'VpcEndpointType'],
  subnets: ['subnet_ids', 'SubnetIds'],
  security_groups: ['security_group_ids', 'SecurityGroupIds'],
  route_tables: ['route_table_ids', 'RouteTableIds'],
  private_dns: ['private_dns_enabled', 'PrivateDnsEnabled'],
  dns_options: ['dns_options', 'DnsOptions'],
  service_region: ['service_region', 'ServiceRegion'],
  policy: ['policy', 'PolicyDocument'],
};

export function endpointAttribute(ep: Resource, prop: string): string {
  const names = ENDPOINT_ATTRIBUTES[prop];
  if (!names) return prop;
  return ep.format === 'cloudformation' ? names[1] : names[0];
}

/** "a Gateway endpoint" with, when the type was not written, a note that Gateway is the default. */
export function describeType(ep: Resource, type: EndpointType): string {
  const article = /^[AEIOU]/.test(type) ? 'an' : 'a';
  if (ep.defaulted?.includes('type')) {
    return `${article} ${type} endpoint (the default: \`${endpointAttribute(ep, 'type')}\` is not set)`;
  }
  return `${article} ${type} endpoint`;
}

/** The VPC a resource belongs to: a reference in the scope or a literal id; undefined if unknown. */
export function vpcIdentity(res: Resource): string | undefined {
  const v = res.props.vpc;
  if (v?.t === 'ref') return `ref:${v.target}`;
  if (v?.t === 'str' && v.v !== undefined) return `id:${v.v}`;
  return undefined;
}

export interface RegionMismatch {
  service: EndpointService;
  /** The region written in the service name and its offsets in the name. */
  nameRegion: string;
  span: [number, number];
  /** The region the name should carry. */
  expected: string;
  /** What decides the expected region: cross-region `service_region`, or where the endpoint is created. */
  against: 'service_region' | 'deployment';
}

/**
 * A known region in the endpoint's service name that differs from the one it must name: its
 * `service_region` on an Interface endpoint (cross-region PrivateLink), else the region the
 * endpoint is created in. Undefined when anything involved is unknown.
 */
export function serviceRegionMismatch(ep: Resource): RegionMismatch | undefined {
  const service = endpointService(ep);
  if (!service || (service.parsed.kind !== 'aws' && service.parsed.kind !== 'customer')) return undefined;
  const { region, regionSpan } = service.parsed;
  if (!region || !regionSpan || !regionEntry(region) || service.parsed.entry?.scope === 'fixed-region') return undefined;
  let expected: string | undefined;
  let against: RegionMismatch['against'] = 'deployment';
  if (ep.props.service_region) {
    // Gateway endpoints with service_region are VPCE106's; an unknown value says nothing.
    if (endpointType(ep) !== 'Interface') return undefined;
    expected = strValue(ep.props.service_region);
    against = 'service_region';
  } else {
    expected = ep.region.value;
  }
  if (!expected || !regionEntry(expected) || expected === region) return undefined;
  return { service, nameRegion: region, span: regionSpan, expected, against };
}

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

/** Where a fix can replace characters [start, end) of a string value: literal text written in
 *  one place, or an interpolation that yields exactly those characters (`${var.region}`). */
export function replaceableLoc(val: StrVal, start: number, end: number): Loc | undefined {
  const exact = exactLocInStr(val, start, end);
  if (exact) return exact;
  const piece = pieceAt(val, start, end);
  if (piece?.expr !== undefined && piece.value !== undefined && piece.value.length === end - start) return piece.loc;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Networks: endpoints by VPC, VPC connections, private hosted zones, source text for fixes.
// ---------------------------------------------------------------------------------------------

/** The AWS service suffix of an endpoint (`ssm`, `ecr.dkr`, `s3`), when its name is known. */
export function serviceSuffix(ep: Resource): string | undefined {
  const svc = endpointService(ep);
  if (!svc || svc.parsed.kind !== 'aws') return undefined;
  return svc.parsed.entry?.suffix ?? svc.parsed.service;
}

/** The key of the resource a value references (any attribute), when it is a reference. */
export function refKey(val: Val | undefined): string | undefined {
  return val?.t === 'ref' ? val.target : undefined;
}

/** Resources of `kind` by the key their `prop` references (those that reference nothing are left
 *  out), in scope order. Built once per scope, so "which associations name this endpoint" asked
 *  per endpoint stays linear. */
export function byReference(ctx: RuleContext, kind: ResourceKind, prop: string): ReadonlyMap<string, readonly Resource[]> {
  let perScope = referenceIndexes.get(ctx.scope);
  if (!perScope) referenceIndexes.set(ctx.scope, perScope = new Map());
  const id = `${kind}.${prop}`;
  let index = perScope.get(id);
  if (!index) {
    index = new Map();
    for (const res of ctx.all(kind)) {
      const key = refKey(res.props[prop]);
      if (key === undefined) continue;
      const list = index.get(key);
      if (list) list.push(res);
      else index.set(key, [res]);
    }
    perScope.set(id, index);
  }
  return index;
}

const referenceIndexes = new WeakMap<Scope, Map<string, Map<string, Resource[]>>>();

/** The name of a resource without its count/for_each index, so instances share one message. */
export function baseName(res: Resource): string {
  return res.instance === undefined ? res.displayName : res.displayName.replace(/\[[^\]]*\]$/, '');
}

/** The source text at a location, for fixes that copy a value verbatim. */
export function sourceText(scope: Scope, loc: Loc): string | undefined {
  return textAt(scope, loc);
}

// Attribute spellings of the VPC and DNS properties (endpoint ones are in endpointAttribute).
const MORE_ATTRIBUTES: Record<string, [terraform: string, cloudformation: string]> = {
  dns_support: ['enable_dns_support', 'EnableDnsSupport'],
  dns_hostnames: ['enable_dns_hostnames', 'EnableDnsHostnames'],
  inbound_resolver_only: ['private_dns_only_for_inbound_resolver_endpoint', 'PrivateDnsOnlyForInboundResolverEndpoint'],
};

/** How a property of any resource is spelled in its own format, for messages. */
export function attributeName(res: Resource, prop: string): string {
  const names = MORE_ATTRIBUTES[prop];
  return names ? (res.format === 'cloudformation' ? names[1] : names[0]) : endpointAttribute(res, prop);
}

export interface EndpointFacts { ep: Resource; vpc?: string; service?: string; type?: EndpointType }

/** What is known of every endpoint in the scope: its VPC, its service suffix (a name that is not
 *  an AWS service counts as known: `other`), its type. */
export function endpointFacts(ctx: RuleContext): EndpointFacts[] {
  return ctx.all('endpoint').map((ep) => {
    const svc = endpointService(ep);
    const service = svc ? (svc.parsed.kind === 'aws' ? svc.parsed.entry?.suffix ?? svc.parsed.service : 'other') : undefined;
    return { ep, vpc: vpcKey(ep), service, type: endpointType(ep) };
  });
}

/**
 * Whether VPC `vpc` has an endpoint for one of `services` (of `type` when given): true, false, or
 * undefined when an endpoint whose VPC, service or type is unknown might be it.
 */
export function hasEndpoint(facts: EndpointFacts[], vpc: string, services: string[], type?: EndpointType): boolean | undefined {
  let maybe = false;
  // Only endpoints of this VPC (or of an unknown one) with one of these services (or an unknown
  // one) can decide: the index keeps a rule that asks this per endpoint linear.
  const index = factsIndex(facts);
  for (const key of [UNKNOWN, ...services].flatMap((s) => [`${vpc}|${s}`, `${UNKNOWN}|${s}`])) {
    for (const f of index.get(key) ?? []) {
      const vpcOk = f.vpc === undefined ? undefined : f.vpc === vpc;
      const svcOk = f.service === undefined ? undefined : services.includes(f.service);
      const typeOk = type === undefined ? true : f.type === undefined ? undefined : f.type === type;
      if (vpcOk === false || svcOk === false || typeOk === false) continue;
      if (vpcOk && svcOk && typeOk) return true;
      maybe = true;
    }
  }
  return maybe ? undefined : false;
}

export interface VpcLink {
  /** Key of the VPC at the other end. */
  vpc: string;
  /** The peering connection, or the other VPC's transit gateway attachment. */
  via: Resource;
  how: 'peering' | 'transit gateway';
}

const UNKNOWN = '\u0000';
const factsIndexes = new WeakMap<EndpointFacts[], { size: number; index: Map<string, EndpointFacts[]> }>();

/** Facts by `vpc|service`, UNKNOWN standing for an unknown VPC or service. */
function factsIndex(facts: EndpointFacts[]): Map<string, EndpointFacts[]> {
  const cached = factsIndexes.get(facts);
  if (cached && cached.size === facts.length) return cached.index;
  const index = new Map<string, EndpointFacts[]>();
  for (const f of facts) {
    const key = `${f.vpc ?? UNKNOWN}|${f.service ?? UNKNOWN}`;
    const list = index.get(key);
    if (list) list.push(f);
    else index.set(key, [f]);
  }
  factsIndexes.set(facts, { size: facts.length, index });
  return index;
}

/** VPCs of the scope connected to `vpc` by a peering connection or a shared transit gateway. */
export function linkedVpcs(ctx: RuleContext, vpc: string): VpcLink[] {
  const out: VpcLink[] = [];
  for (const p of ctx.all('peering')) {
    const a = refKey(p.props.vpc);
    const b = refKey(p.props.peer_vpc);
    if (!a || !b || a === b) continue;
    if (a === vpc) out.push({ vpc: b, via: p, how: 'peering' });
    else if (b === vpc) out.push({ vpc: a, via: p, how: 'peering' });
  }
  const tgwOf = (att: Resource) => refKey(att.props.transit_gateway) ?? strValue(att.props.transit_gateway);
  const attachments = ctx.all('tgw_attachment');
  const mine = new Set(attachments.filter((a) => vpcKey(a) === vpc).map(tgwOf).filter((t): t is string => !!t));
  for (const a of attachments) {
    const other = vpcKey(a);
    const tgw = tgwOf(a);
    if (other && other !== vpc && tgw && mine.has(tgw) && !out.some((l) => l.vpc === other)) {
      out.push({ vpc: other, via: a, how: 'transit gateway' });
    }
  }
  return out;
}

// Hostnames that differ from `<suffix>.<region>.amazonaws.com`: [label before the region, domain after it].
const HOSTS: Record<string, [label: string, domain: string]> = {
  'ecr.api': ['api.ecr', 'amazonaws.com'], 'ecr.dkr': ['dkr.ecr', 'amazonaws.com'],
  'kinesis-streams': ['kinesis', 'amazonaws.com'], 'kinesis-firehose': ['firehose', 'amazonaws.com'],
  'detective': ['api.detective', 'amazonaws.com'], 'eks-auth': ['eks-auth', 'api.aws'],
  'sagemaker.api': ['api.sagemaker', 'amazonaws.com'], 'sagemaker.runtime': ['runtime.sagemaker', 'amazonaws.com'],
};

function hostOf(suffix: string): [label: string, domain: string] {
  return HOSTS[suffix] ?? [suffix, 'amazonaws.com'];
}

/** The default hostname SDKs use for a service: `ssm.eu-west-1.amazonaws.com`. */
export function serviceHostname(suffix: string, region: string | undefined): string {
  const [label, domain] = hostOf(suffix);
  return `${label}.${region ?? '<region>'}.${domain}`;
}

/**
 * Hosted zones that may answer for the service's hostname: named after it (any region, with or
 * without a `*.` wildcard), the region's whole service domain, or a name we cannot resolve. A zone
 * named after the endpoint suffix where the hostname differs (`ecr.api.<region>.amazonaws.com`)
 * answers nothing the SDKs ask for.
 */
export function zonesForService(ctx: RuleContext, suffix: string): Resource[] {
  const [label, domain] = hostOf(suffix);
  const pattern = new RegExp(`^(?:\\*\\.)?(.*?)\\.?([a-z0-9-]+)\\.${domain.replace('.', '\\.')}(?:\\.cn)?$`);
  return ctx.all('hosted_zone').filter((zone) => {
    const name = zoneName(zone.props.name);
    if (name === undefined) return true;
    const m = pattern.exec(name);
    return !!m && /-\d+$/.test(m[2]) && (m[1] === '' || m[1] === label);
  });
}

/** A zone name in lower case without its trailing dot; the deployment region reads as a region. */
function zoneName(val: Val | undefined): string | undefined {
  const s = str(val);
  if (!s) return undefined;
  let name = '';
  for (const p of s.parts) {
    const text = p.text ?? p.value;
    if (text !== undefined) name += text;
    else if (p.isRegion) name += 'region-1';
    else return undefined;
  }
  return name.toLowerCase().replace(/\.$/, '');
}

/** The VPCs a hosted zone is associated with (inline and by association resources); `complete`
 *  is false when some association cannot be resolved. */
export function zoneVpcs(ctx: RuleContext, zone: Resource): { vpcs: string[]; complete: boolean } {
  const vpcs: string[] = [];
  let complete = true;
  const inline = zone.props.vpcs;
  if (inline) {
    if (inline.t !== 'list' || !inline.complete) complete = false;
    for (const item of inline.t === 'list' ? inline.items : [inline]) {
      const key = refKey(item);
      if (key) vpcs.push(key);
      else complete = false;
    }
  }
  for (const assoc of ctx.all('zone_vpc_assoc')) {
    const z = refKey(assoc.props.zone);
    if (z === undefined) { complete = false; continue; }
    if (z !== zone.key) continue;
    const v = refKey(assoc.props.vpc);
    if (v) vpcs.push(v);
    else complete = false;
  }
  return { vpcs, complete };
}

/** Whether an endpoint's private DNS is on: not written means off (both formats' default);
 *  undefined when the value is unknown. */
export function privateDnsEnabled(ep: Resource): boolean | undefined {
  return ep.props.private_dns ? boolValue(ep.props.private_dns) : false;
}

/** The service-name value with unknown region pieces standing in as the placeholder region, so
 *  offsets into `parsed` (which was parsed with that placeholder) map onto its pieces. */
function nameVal(service: EndpointService): StrVal {
  if (service.resolved) return service.val;
  const parts = service.val.parts.map((p) => (p.text === undefined && p.value === undefined && p.isRegion ? { ...p, value: PLACEHOLDER_REGION } : p));
  return { ...service.val, parts };
}

/** The route tables of a VPC in the scope. */
export function routeTablesOf(ctx: RuleContext, vpc: string): Resource[] {
  return [...byReference(ctx, 'route_table', 'vpc').get(vpc) ?? []];
}

/** locateInStr for offsets into a parsed endpoint service name (deployment-region names too). */
export function locateInName(service: EndpointService, span: [number, number]): Loc {
  return locateInStr(nameVal(service), span[0], span[1]);
}

/** exactLocInStr for offsets into a parsed endpoint service name (deployment-region names too). */
export function exactLocInName(service: EndpointService, span: [number, number]): Loc | undefined {
  return exactLocInStr(nameVal(service), span[0], span[1]);
}

// ---------------------------------------------------------------------------------------------
// Policies: what a document is for, who it names, and the exact text of its keys for fixes.
// ---------------------------------------------------------------------------------------------

/** What a policy governs, as policy rules need it: `endpoint` policies limit what passes an
 *  endpoint, `resource` policies (bucket, queue, RCP) name principals, `identity` ones (IAM, SCP)
 *  do not. Standalone files are judged by name and content; undefined when unsure. */
export type PolicyRole = 'endpoint' | 'resource' | 'identity';

export function policyRole(policy: Policy): PolicyRole | undefined {
  if (policy.kind === 'endpoint') return 'endpoint';
  if (policy.kind === 'bucket' || policy.kind === 'resource') return 'resource';
  if (policy.kind === 'identity') return 'identity';
  // A file is named by its path; a Terraform document not attached to anything by its own name.
  const name = policy.owner ?? policy.loc.file.split(/[\\/]/).pop() ?? '';
  const named = policy.statements.some((s) => s.principals || s.notPrincipals);
  if (/(?:^|[^a-z])scp(?:[^a-z]|$)|service[-_]?control/i.test(name)) return 'identity';
  if (/bucket|(?:^|[^a-z])rcp(?:[^a-z]|$)|resource[-_]?(?:control|polic)/i.test(name)) return named ? 'resource' : undefined;
  if (/endpoint|vpce[-_.]?polic/i.test(name)) return 'endpoint';
  // A document handed to a module: where it ends up is not visible here.
  if (policy.owner) return undefined;
  if (named) return 'resource';
  return policy.statements.every((s) => s.complete) ? 'identity' : undefined;
}

/** `Allow` or `Deny` exactly as IAM spells them; undefined when absent, unknown or misspelt. */
export function effectOf(stmt: Statement): 'Allow' | 'Deny' | undefined {
  const v = stmt.effect?.v;
  return v === 'Allow' || v === 'Deny' ? v : undefined;
}

/** Every principal: `"*"`, `{"AWS": "*"}`, or `principals { type = "*" identifiers = ["*"] }`. */
export function isEveryone(val: Val | undefined): boolean {
  if (!val) return false;
  const star = (v: Val) => (v.t === 'str' && v.v === '*')
    || (v.t === 'list' && v.complete && v.items.length === 1 && v.items[0].t === 'str' && v.items[0].v === '*');
  if (star(val)) return true;
  return val.t === 'obj' && val.entries.length > 0 && val.entries.every((e) => (e.key === 'AWS' || e.key === '*') && star(e.value));
}

/** The network keys a VPC endpoint puts on a request. */
export const ENDPOINT_KEYS = ['aws:SourceVpce', 'aws:SourceVpc'] as const;

export function isEndpointKey(cond: Condition): boolean {
  return ENDPOINT_KEYS.some((k) => sameKey(cond.key, k));
}

/** Where exactly `text` is written at `loc` (without surrounding quotes), so a fix can replace it
 *  and keep the quoting; undefined when the source there is not that text (relocated JSON). */
export function exactTextLoc(scope: Scope, loc: Loc, text: string): Loc | undefined {
  const written = sourceText(scope, loc);
  if (written === text) return loc;
  const r = loc.range;
  if (written === undefined || r.start.line !== r.end.line || written.length !== text.length + 2) return undefined;
  const quote = written[0];
  if ((quote !== '"' && quote !== "'") || written[written.length - 1] !== quote || written.slice(1, -1) !== text) return undefined;
  return { file: loc.file, range: { start: { line: r.start.line, character: r.start.character + 1 }, end: { line: r.end.line, character: r.end.character - 1 } } };
}

/** The service prefix of an IAM action (`s3` of `s3:GetObject`), lower case; undefined for `*`
 *  and for prefixes with wildcards. */
export function actionService(action: string): string | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = action.slice(0, colon).toLowerCase();
  return /^[a-z0-9-]+$/.test(prefix) ? prefix : undefined;
}

/** The service (as written) of a Gateway endpoint whose service has no Gateway endpoints:
 *  a known AWS service without them, or an endpoint service of your own. */
export function gatewayUnsupportedService(ep: Resource): string | undefined {
  if (endpointType(ep) !== 'Gateway') return undefined;
  const service = endpointService(ep);
  if (!service) return undefined;
  const { kind, entry } = service.parsed;
  if (kind === 'customer') return service.shape;
  if (kind !== 'aws' || !entry || entry.types.includes('Gateway')) return undefined;
  return service.parsed.service;
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

/** A resource name for an inserted endpoint: `ecr_api` in Terraform, `EcrApiEndpoint` in CloudFormation. */
export function newResourceName(scope: Scope, words: string): string {
  const parts = words.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (scope.format === 'cloudformation') return [...parts, 'Endpoint'].map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  return parts.join('_').toLowerCase();
}

/** Every resource of `kind` in the endpoint's VPC, or undefined when that is not certain (the
 *  endpoint's VPC is not a reference, or some resource of that kind has a VPC we cannot read). */
export function allInVpc(ctx: RuleContext, ep: Resource, kind: 'route_table' | 'subnet'): Resource[] | undefined {
  const vpc = vpcKey(ep);
  if (!vpc) return undefined;
  const out: Resource[] = [];
  for (const res of ctx.all(kind)) {
    const own = res.props.vpc;
    if (own?.t === 'ref') {
      if (own.target === vpc) out.push(res);
    } else if (own?.t !== 'str' || own.v === undefined) {
      return undefined;
    }
  }
  return out;
}

/** The subnets of the endpoint's VPC whose route table has no route to an internet gateway, when
 *  every subnet of that VPC, its route table and their routes are known, and no two share a known
 *  Availability Zone (an Interface endpoint takes one subnet per zone). */
export function privateSubnetsOf(ctx: RuleContext, ep: Resource): Resource[] | undefined {
  const subnets = allInVpc(ctx, ep, 'subnet');
  if (!subnets?.length) return undefined;
  const assocs = ctx.all('subnet_rt_assoc');
  const routes = ctx.all('route');
  if (assocs.some((a) => !ctx.deref(a.props.subnet) || !ctx.deref(a.props.route_table))) return undefined;
  if (routes.some((r) => !r.parent && !ctx.deref(r.props.route_table))) return undefined;
  const out: Resource[] = [];
  const zones = new Set<string>();
  for (const subnet of subnets) {
    const tables = assocs.filter((a) => ctx.deref(a.props.subnet) === subnet).map((a) => ctx.deref(a.props.route_table)!);
    if (tables.length !== 1) return undefined; // the main route table, which the module does not show
    const own = routes.filter((r) => r.parent === tables[0].key || ctx.deref(r.props.route_table) === tables[0]);
    const kinds = own.map((r) => strValue(r.props.target_kind));
    if (kinds.includes(undefined)) return undefined;
    if (kinds.includes('igw')) continue;
    const zone = zoneOf(subnet);
    if (zone) {
      // Two subnets in one zone, or zones written as names and as ids (which may coincide).
      if (zones.has(zone.key) || [...zones].some((z) => !z.startsWith(`${zone.kind}:`))) return undefined;
      zones.add(zone.key);
    }
    out.push(subnet);
  }
  return out.length ? out : undefined;
}

/** An association list that is written and known to be empty (`route_table_ids = []`). */
export function emptyList(val: Val | undefined): boolean {
  return val?.t === 'list' && val.complete && val.items.length === 0;
}

/** Two locations cover the same text (items of a splat share the whole expression's location). */
export function sameRange(a: Loc, b: Loc): boolean {
  const r = a.range;
  const s = b.range;
  return a.file === b.file && r.start.line === s.start.line && r.start.character === s.start.character
    && r.end.line === s.end.line && r.end.character === s.end.character;
}

/** IAM action prefixes of the requests an endpoint carries, by endpoint service suffix. Only
 *  services whose prefixes are certain; a service that is not here is never judged. */
const ENDPOINT_ACTION_PREFIXES: Record<string, readonly string[]> = {
  s3: ['s3', 's3express', 's3-object-lambda'], 's3-global.accesspoint': ['s3'], s3express: ['s3express'],
  dynamodb: ['dynamodb'], 'dynamodb-streams': ['dynamodb'],
  'ecr.api': ['ecr'], 'ecr.dkr': ['ecr'], ecs: ['ecs'], 'ecs-agent': ['ecs'], 'ecs-telemetry': ['ecs'], eks: ['eks'],
  ssm: ['ssm'], ssmmessages: ['ssmmessages'], ec2messages: ['ec2messages'], ec2: ['ec2'], ebs: ['ebs'],
  'execute-api': ['execute-api'], apigateway: ['apigateway'], lambda: ['lambda'], states: ['states'],
  monitoring: ['cloudwatch'], logs: ['logs'], events: ['events'], xray: ['xray'], cloudtrail: ['cloudtrail'],
  sts: ['sts'], kms: ['kms'], secretsmanager: ['secretsmanager'], iam: ['iam'], 'acm-pca': ['acm-pca'],
  sqs: ['sqs'], sns: ['sns'], 'kinesis-streams': ['kinesis'], 'kinesis-firehose': ['firehose'],
  glue: ['glue'], athena: ['athena'], elasticfilesystem: ['elasticfilesystem'], rds: ['rds'], 'rds-data': ['rds-data'],
  'redshift-data': ['redshift-data'], elasticache: ['elasticache'], cloudformation: ['cloudformation'],
  codebuild: ['codebuild'], codecommit: ['codecommit'], 'git-codecommit': ['codecommit'], codepipeline: ['codepipeline'],
  'codeartifact.api': ['codeartifact'], 'codeartifact.repositories': ['codeartifact'],
  'sagemaker.api': ['sagemaker'], 'sagemaker.runtime': ['sagemaker'],
  bedrock: ['bedrock'], 'bedrock-runtime': ['bedrock'], 'bedrock-agent': ['bedrock'], 'bedrock-agent-runtime': ['bedrock'],
  elasticloadbalancing: ['elasticloadbalancing'], autoscaling: ['autoscaling'],
};

/** The endpoint's AWS service suffix, a FIPS variant read as its base service. */
export function endpointBaseService(ep: Resource): string | undefined {
  const svc = endpointService(ep);
  const entry = svc?.parsed.entry;
  if (!svc || !entry || (svc.parsed.kind !== 'aws' && svc.parsed.kind !== 'global')) return undefined;
  return entry.fipsBase ?? entry.suffix;
}

/** The IAM action prefixes an endpoint's requests carry, when certain. */
export function endpointActionPrefixes(ep: Resource): readonly string[] | undefined {
  const base = endpointBaseService(ep);
  return base === undefined ? undefined : ENDPOINT_ACTION_PREFIXES[base];
}

/**
 * Deletes a whole Terraform block (a resource, or an inline block such as `route`): its lines,
 * and the blank line before it. Undefined when the block does not stand on lines of its own.
 */
export function removeBlockEdits(ctx: RuleContext, res: Resource): TextEdit[] | undefined {
  const file = fileOf(ctx.scope, res.loc.file);
  if (!file || res.format !== 'terraform') return undefined;
  const lines = linesOf(file);
  const line = (n: number) => lines.lineText(n);
  const { start, end } = res.loc.range;
  if (line(start.line).slice(0, start.character).trim() || line(end.line).slice(end.character).trim()) return undefined;
  const first = start.line > 0 && line(start.line - 1).trim() === '' ? start.line - 1 : start.line;
  const from = first < start.line ? { line: first, character: 0 } : { line: start.line, character: 0 };
  const to = end.line + 1 < lines.lineCount ? { line: end.line + 1, character: 0 } : { line: end.line, character: line(end.line).length };
  return ctx.scope.editor.replace({ file: res.loc.file, range: { start: from, end: to } }, '');
}

/** Whether the resource's own text writes attribute `name` (`subnet_ids = ...`, `"SubnetIds":`).
 *  Guards "missing attribute" rules: a written value that evaluated to null (`cond ? var.x : null`
 *  with a module's placeholder default) is absent from props but is not missing. */
export function attributeWritten(scope: Scope, res: Resource, name: string): boolean {
  const text = sourceText(scope, res.loc);
  let written = ATTRIBUTE_PATTERNS.get(name);
  if (!written) ATTRIBUTE_PATTERNS.set(name, written = new RegExp(`^\\s*"?${name}"?\\s*[=:]`, 'm'));
  return text !== undefined && written.test(text);
}

const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();

/**
 * Whether everything of a statement but the named entries was read: rules whose verdict does not
 * depend on `Resource` need not give up because a CloudFormation `!GetAtt Bucket.Arn` is unknown.
 */
export function readExcept(policy: Policy, stmt: Statement, ignored: readonly string[]): boolean {
  if (stmt.complete) return true;
  const raw = rawStatement(policy, stmt);
  return !!raw && raw.entries.every((e) => ignored.includes(e.key) || isKnown(e.value));
}

/** A statement as written in the policy document (undefined for documents built from blocks). */
function rawStatement(policy: Policy, stmt: Statement): ObjVal | undefined {
  const list = policy.doc?.entries.filter((e) => e.key === 'Statement').pop()?.value;
  const items = list?.t === 'list' ? list.items : list ? [list] : [];
  const raw = items.find((i) => i.t === 'obj' && sameRange(i.loc, stmt.loc));
  return raw?.t === 'obj' ? raw : undefined;
}

function isKnown(val: Val): boolean {
  if (val.t === 'unknown') return false;
  if (val.t === 'str') return val.v !== undefined;
  if (val.t === 'list') return val.complete && val.items.every(isKnown);
  if (val.t === 'obj') return val.entries.every((e) => isKnown(e.value));
  return true;
}

/** A parse problem sits exactly on this key (it is written twice, the earlier one hidden): a
 *  rename would only uncover the other. */
export function keyWrittenTwice(scope: Scope, loc: Loc): boolean {
  return scope.files.some((f) => f.path === loc.file && f.problems.some((p) => sameRange(p.loc, loc)));
}

/** Renaming would collide with a key already under the same operator (duplicate JSON keys: the
 *  last one silently wins). */
export function keyTaken(stmt: Statement, cond: Condition, name: string): boolean {
  return stmt.conditions.some((c) => c !== cond && c.operator === cond.operator && sameRange(c.operatorLoc, cond.operatorLoc) && sameKey(c.key, name));
}

/** Renaming an operator would collide with another operator block of the statement, one whose
 *  conditions could not be read included (a duplicate key either way). */
export function operatorTaken(policy: Policy, stmt: Statement, name: string): boolean {
  if (stmt.conditions.some((c) => c.operator === name)) return true;
  const condition = rawStatement(policy, stmt)?.entries.find((e) => e.key === 'Condition')?.value;
  return condition?.t === 'obj' && condition.entries.some((e) => e.key === name);
}

/** Where a value was set when it was not written at its use (a variable or parameter default). */
export function originOf(val: Val | undefined): Loc | undefined {
  return val && 'origin' in val ? val.origin : undefined;
}
