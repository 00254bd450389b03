// Maps CloudFormation resource types and property names to the canonical kinds and property
// names of model.ts. Property values arrive with intrinsics already resolved.
import type { ListVal, Loc, ObjEntry, ObjVal, RefVal, Resource, ResourceKind, Val } from '../model';
import { lookupTable } from '../collections';

/** What a mapper needs about the resource being mapped. */
export interface ResourceInput {
  id: string;
  type: string;
  /** Resolved `Properties`, when it is a mapping. */
  props?: ObjVal;
  base: Omit<Resource, 'kind' | 'props' | 'propKeyLocs'>;
  /** Logical id -> Type of every resource of the template. */
  types: Map<string, string>;
}

interface Found { value: Val; keyLoc: Loc }

/** The value at a property path (`DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint`): the
 *  entry itself, so that the thousands of lookups of a run make no result objects. */
export function lookup(obj: Val | undefined, path: string): Found | undefined {
  if (obj?.t !== 'obj') return undefined;
  if (!path.includes('.')) return lastEntry(obj, path);
  return lookupKeys(obj, path.split('.'));
}

function lookupKeys(obj: Val | undefined, keys: readonly string[]): Found | undefined {
  let found: ObjEntry | undefined;
  let node = obj;
  for (let i = 0; i < keys.length; i++) {
    if (node?.t !== 'obj') return undefined;
    found = lastEntry(node, keys[i]);
    if (!found) return undefined;
    node = found.value;
  }
  return found;
}

function lastEntry(obj: ObjVal, key: string): ObjEntry | undefined {
  const { entries } = obj;
  for (let i = entries.length - 1; i >= 0; i--) if (entries[i].key === key) return entries[i];
  return undefined;
}

type Coerce = 'bool' | 'num' | 'str' | 'list';
/** canonical name -> [CloudFormation property path, coercion] */
type PropMap = Record<string, [string, Coerce?]>;

interface Spec {
  kind: ResourceKind;
  props: PropMap;
  /** `props` with their paths split, worked out on first use. */
  paths?: { name: string; keys: string[]; coerce?: Coerce }[];
}

const SIMPLE = lookupTable<Spec>({
  'AWS::EC2::VPCEndpoint': {
    kind: 'endpoint',
    props: {
      service_name: ['ServiceName'], type: ['VpcEndpointType'], vpc: ['VpcId'], subnets: ['SubnetIds'],
      security_groups: ['SecurityGroupIds'], route_tables: ['RouteTableIds'], private_dns: ['PrivateDnsEnabled', 'bool'],
      dns_options: ['DnsOptions'], policy: ['PolicyDocument'], service_region: ['ServiceRegion'],
    },
  },
  'AWS::EC2::VPC': {
    kind: 'vpc',
    props: { cidr: ['CidrBlock'], dns_support: ['EnableDnsSupport', 'bool'], dns_hostnames: ['EnableDnsHostnames', 'bool'] },
  },
  'AWS::EC2::Subnet': {
    kind: 'subnet', props: { vpc: ['VpcId'], az: ['AvailabilityZone'], az_id: ['AvailabilityZoneId'], cidr: ['CidrBlock'] },
  },
  'AWS::EC2::RouteTable': { kind: 'route_table', props: { vpc: ['VpcId'] } },
  'AWS::EC2::Route': {
    kind: 'route',
    props: { route_table: ['RouteTableId'], dest_cidr: ['DestinationCidrBlock'], dest_prefix_list: ['DestinationPrefixListId'] },
  },
  'AWS::EC2::SubnetRouteTableAssociation': { kind: 'subnet_rt_assoc', props: { subnet: ['SubnetId'], route_table: ['RouteTableId'] } },
  'AWS::EC2::VPCPeeringConnection': { kind: 'peering', props: { vpc: ['VpcId'], peer_vpc: ['PeerVpcId'] } },
  'AWS::EC2::TransitGatewayVpcAttachment': {
    kind: 'tgw_attachment', props: { vpc: ['VpcId'], transit_gateway: ['TransitGatewayId'], subnets: ['SubnetIds'] },
  },
  'AWS::EC2::TransitGatewayAttachment': {
    kind: 'tgw_attachment', props: { vpc: ['VpcId'], transit_gateway: ['TransitGatewayId'], subnets: ['SubnetIds'] },
  },
  'AWS::EC2::VPNGateway': { kind: 'vpn_gateway', props: {} },
  'AWS::EC2::SecurityGroup': { kind: 'security_group', props: { vpc: ['VpcId'] } },
  'AWS::EC2::SecurityGroupIngress': { kind: 'sg_ingress', props: {} },
  'AWS::Route53::HostedZone': { kind: 'hosted_zone', props: { name: ['Name'] } },
  'AWS::S3::Bucket': { kind: 'bucket', props: { name: ['BucketName'] } },
  'AWS::S3::BucketPolicy': { kind: 'bucket_policy', props: { bucket: ['Bucket'], policy: ['PolicyDocument'] } },
  'AWS::EC2::Instance': { kind: 'workload', props: { subnets: ['SubnetId', 'list'] } },
  'AWS::ECS::Service': { kind: 'workload', props: { subnets: ['NetworkConfiguration.AwsvpcConfiguration.Subnets'] } },
  'AWS::Lambda::Function': { kind: 'workload', props: { subnets: ['VpcConfig.SubnetIds'] } },
  'AWS::Serverless::Function': { kind: 'workload', props: { subnets: ['VpcConfig.SubnetIds'] } },
  'AWS::AutoScaling::AutoScalingGroup': { kind: 'workload', props: { subnets: ['VPCZoneIdentifier'] } },
  'AWS::CloudFormation::Stack': { kind: 'handoff', props: { source: ['TemplateURL'] } },
  'AWS::Serverless::Application': { kind: 'handoff', props: { source: ['Location'] } },
});

/** Resource policies other than bucket policies: type -> property holding the document. */
const RESOURCE_POLICIES = lookupTable<string>({
  'AWS::SQS::QueuePolicy': 'PolicyDocument', 'AWS::SNS::TopicPolicy': 'PolicyDocument', 'AWS::KMS::Key': 'KeyPolicy',
  'AWS::SecretsManager::ResourcePolicy': 'ResourcePolicy', 'AWS::ApiGateway::RestApi': 'Policy',
});

/** The property of a resource type that holds a resource policy (queue, topic, key, secret, REST API). */
export function resourcePolicyProperty(type: string): string | undefined {
  return RESOURCE_POLICIES[type];
}

/** Route target property -> target_kind; GatewayId is decided by what it references. */
const ROUTE_TARGETS: [string, string][] = [
  ['VpcPeeringConnectionId', 'peering'], ['TransitGatewayId', 'tgw'], ['GatewayId', 'gateway'],
  ['VpcEndpointId', 'vpce'], ['NatGatewayId', 'nat'], ['NetworkInterfaceId', 'eni'], ['InstanceId', 'other'],
  ['EgressOnlyInternetGatewayId', 'other'], ['CarrierGatewayId', 'other'], ['LocalGatewayId', 'other'], ['CoreNetworkArn', 'other'],
];

export function isMappedType(type: string): boolean {
  return type in SIMPLE;
}

/** The canonical resources for one template resource (a security group brings its inline rules). */
export function mapResource(input: ResourceInput): Resource[] {
  const spec = SIMPLE[input.type];
  if (!spec) return [];
  const res: Resource = { ...input.base, kind: spec.kind, props: {}, propKeyLocs: {} };
  spec.paths ??= Object.entries(spec.props).map(([name, [path, coerce]]) => ({ name, keys: path.split('.'), coerce }));
  // Indexed: destructuring each entry would go through the iterator protocol, and this runs for
  // every resource of every template, mostly before the code is optimised.
  const { paths } = spec;
  for (let i = 0; i < paths.length; i++) {
    const found = lookupKeys(input.props, paths[i].keys);
    if (found) setProp(res, paths[i].name, coerceTo(found.value, paths[i].coerce), found.keyLoc);
  }
  const out = [res];
  switch (input.type) {
    case 'AWS::EC2::VPCEndpoint': endpointExtras(res, input.props); break;
    case 'AWS::EC2::VPC':
      defaultProp(res, 'dns_support', true);
      defaultProp(res, 'dns_hostnames', false);
      break;
    case 'AWS::EC2::Route': routeTarget(res, input); break;
    case 'AWS::EC2::Instance': instanceSubnets(res, input.props); break;
    case 'AWS::EC2::SecurityGroupIngress': ingressProps(res, input.props); break;
    case 'AWS::EC2::SecurityGroup': out.push(...inlineIngress(res, input)); break;
    case 'AWS::Route53::HostedZone': zoneVpcs(res, input.props); break;
    case 'AWS::CloudFormation::Stack': case 'AWS::Serverless::Application': handoffRefs(res, input); break;
  }
  return out;
}

function setProp(res: Resource, name: string, value: Val, keyLoc: Loc): void {
  res.props[name] = value;
  res.propKeyLocs[name] = keyLoc;
}

/** A property CloudFormation defaults when it is not written; located at the logical id. */
function defaultProp(res: Resource, name: string, value: boolean | string): void {
  if (res.props[name]) return;
  res.props[name] = typeof value === 'boolean'
    ? { t: 'bool', v: value, loc: res.nameLoc }
    : { t: 'str', v: value, parts: [{ value, loc: res.nameLoc }], loc: res.nameLoc };
  (res.defaulted ??= []).push(name);
}

function endpointExtras(res: Resource, props: ObjVal | undefined): void {
  defaultProp(res, 'type', 'Gateway');
  const inbound = lookup(props, 'DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint');
  if (inbound) {
    const v = inbound.value;
    const value: Val = v.t === 'str' && v.v !== undefined
      ? { t: 'bool', v: v.v === 'OnlyInboundResolver', loc: v.loc }
      : v.t === 'bool' ? v : { t: 'unknown', why: 'PrivateDnsOnlyForInboundResolverEndpoint', loc: v.loc };
    setProp(res, 'inbound_resolver_only', value, inbound.keyLoc);
  }
}

function routeTarget(res: Resource, input: ResourceInput): void {
  for (const [prop, kind] of ROUTE_TARGETS) {
    const found = lookup(input.props, prop);
    if (!found) continue;
    const targetKind = kind === 'gateway' ? gatewayKind(found.value, input.types) : kind;
    setProp(res, 'target', found.value, found.keyLoc);
    setProp(res, 'target_kind', { t: 'str', v: targetKind, parts: [{ value: targetKind, loc: found.keyLoc }], loc: found.keyLoc }, found.keyLoc);
    return;
  }
}

/** `GatewayId` holds an internet gateway or a virtual private gateway. */
function gatewayKind(value: Val, types: Map<string, string>): string {
  if (value.t === 'ref') {
    const type = types.get(value.target);
    return type === 'AWS::EC2::VPNGateway' ? 'vgw' : type === 'AWS::EC2::InternetGateway' ? 'igw' : 'other';
  }
  if (value.t === 'str' && value.v !== undefined) {
    if (value.v.startsWith('vgw-')) return 'vgw';
    if (value.v.startsWith('igw-')) return 'igw';
  }
  return 'other';
}

/** An instance's subnets: `SubnetId`, or those of its `NetworkInterfaces`. */
function instanceSubnets(res: Resource, props: ObjVal | undefined): void {
  if (res.props.subnets) return;
  const nics = lookup(props, 'NetworkInterfaces');
  if (!nics) return;
  if (nics.value.t !== 'list') {
    setProp(res, 'subnets', { t: 'list', items: [], complete: false, loc: nics.value.loc }, nics.keyLoc);
    return;
  }
  const items: Val[] = [];
  for (const nic of nics.value.items) {
    const subnet = lookup(nic, 'SubnetId');
    if (subnet) items.push(subnet.value);
  }
  setProp(res, 'subnets', { t: 'list', items, complete: nics.value.complete, loc: nics.value.loc }, nics.keyLoc);
}

function ingressProps(res: Resource, rule: Val | undefined): void {
  const field = (name: string, path: string, coerce?: Coerce) => {
    const found = lookup(rule, path);
    if (found) setProp(res, name, coerceTo(found.value, coerce), found.keyLoc);
  };
  if (!res.props.security_group) {
    field('security_group', 'GroupId');
    if (!res.props.security_group) field('security_group', 'GroupName');
  }
  field('protocol', 'IpProtocol', 'str');
  field('from_port', 'FromPort', 'num');
  field('to_port', 'ToPort', 'num');
  const cidrs = ['CidrIp', 'CidrIpv6'].map(k => lookup(rule, k)).filter((f): f is Found => f !== undefined);
  if (cidrs.length) setProp(res, 'cidrs', listOf(cidrs.map(c => c.value)), cidrs[0].keyLoc);
  const sources = ['SourceSecurityGroupId', 'SourceSecurityGroupName'].map(k => lookup(rule, k)).filter((f): f is Found => f !== undefined);
  if (sources.length) setProp(res, 'source_sgs', listOf(sources.map(s => s.value)), sources[0].keyLoc);
}

/** Inline `SecurityGroupIngress` rules, each an sg_ingress whose parent is the group. A rule we
 *  cannot read becomes one with unknown fields, so rules about blocked ports stay silent. */
function inlineIngress(group: Resource, input: ResourceInput): Resource[] {
  const found = lookup(input.props, 'SecurityGroupIngress');
  if (!found) return [];
  const list = found.value;
  const items = list.t === 'list' ? list.items : [list];
  const out = items.map((item, i) => {
    const key = `${group.key}.SecurityGroupIngress[${i}]`;
    const nameLoc = item.loc;
    const rule: Resource = {
      ...input.base, kind: 'sg_ingress', key, displayName: key, nativeType: input.type, loc: item.loc, nameLoc,
      parent: group.key, props: { security_group: { t: 'ref', target: group.key, loc: item.loc } },
      propKeyLocs: {},
    };
    if (item.t === 'obj') ingressProps(rule, item);
    else for (const name of ['protocol', 'from_port', 'to_port']) rule.props[name] = { t: 'unknown', why: 'unreadable ingress rule', loc: item.loc };
    return rule;
  });
  if (list.t === 'list' && !list.complete) {
    out.push({
      ...input.base, kind: 'sg_ingress', key: `${group.key}.SecurityGroupIngress[?]`, displayName: `${group.key}.SecurityGroupIngress`,
      nativeType: input.type, loc: list.loc, nameLoc: list.loc, parent: group.key, propKeyLocs: {},
      props: { security_group: { t: 'ref', target: group.key, loc: list.loc }, protocol: { t: 'unknown', why: 'incomplete list', loc: list.loc } },
    });
  }
  return out;
}

/** Every reference to a template resource in a nested stack's `Parameters`: `!Ref Vpc`,
 *  `!GetAtt Subnet.VpcId`, and the pieces of `!Join`/`!Sub` strings that name one (`${Vpc}`). */
function handoffRefs(res: Resource, input: ResourceInput): void {
  const params = lookup(input.props, 'Parameters');
  const refs = new Map<string, RefVal>();
  const add = (ref: RefVal) => { if (!refs.has(`${ref.target}.${ref.attr}`)) refs.set(`${ref.target}.${ref.attr}`, ref); };
  const visit = (val: Val): void => {
    switch (val.t) {
      case 'ref': add(val); break;
      case 'str':
        for (const p of val.parts) {
          const [target, attr] = p.expr?.split(/\.(.*)/) ?? [];
          if (target !== undefined && input.types.has(target)) add(attr ? { t: 'ref', target, attr, loc: p.loc } : { t: 'ref', target, loc: p.loc });
        }
        break;
      case 'list': val.items.forEach(visit); break;
      case 'obj': for (const e of val.entries) visit(e.value); break;
      case 'unknown': val.branches?.forEach(visit); break;
    }
  };
  if (params) visit(params.value);
  const loc = params?.value.loc ?? res.nameLoc;
  setProp(res, 'refs', { t: 'list', items: [...refs.values()], complete: true, loc }, params?.keyLoc ?? res.nameLoc);
}

function zoneVpcs(res: Resource, props: ObjVal | undefined): void {
  const found = lookup(props, 'VPCs');
  if (!found) return;
  const vpcs = found.value;
  if (vpcs.t !== 'list') {
    setProp(res, 'vpcs', { t: 'list', items: [], complete: false, loc: vpcs.loc }, found.keyLoc);
    return;
  }
  const items = vpcs.items.map(item => lookup(item, 'VPCId')?.value ?? { t: 'unknown' as const, why: 'VPCId', loc: item.loc });
  setProp(res, 'vpcs', { t: 'list', items, complete: vpcs.complete, loc: vpcs.loc }, found.keyLoc);
}

function listOf(items: Val[]): ListVal {
  const first = items[0].loc;
  const last = items[items.length - 1].loc;
  return { t: 'list', items, complete: true, loc: { file: first.file, range: { start: first.range.start, end: last.range.end } } };
}

/** CloudFormation accepts `"true"` for booleans and `"443"` for numbers; rules see one type. */
function coerceTo(val: Val, coerce: Coerce | undefined): Val {
  if (coerce === 'bool' && val.t === 'str' && val.v !== undefined && /^(true|false)$/i.test(val.v)) {
    return { t: 'bool', v: val.v.toLowerCase() === 'true', loc: val.loc, origin: val.origin };
  }
  if (coerce === 'num' && val.t === 'str' && val.v !== undefined && /^-?\d+$/.test(val.v.trim())) {
    return { t: 'num', v: Number(val.v), loc: val.loc, origin: val.origin };
  }
  if (coerce === 'str' && (val.t === 'num' || val.t === 'bool')) {
    const text = String(val.v);
    return { t: 'str', v: text, parts: [{ text, loc: val.loc }], loc: val.loc, origin: val.origin };
  }
  if (coerce === 'list' && val.t !== 'list') return { t: 'list', items: [val], complete: true, loc: val.loc };
  return val;
}

const NATIVE_TYPES: Partial<Record<ResourceKind, string>> = {
  endpoint: 'AWS::EC2::VPCEndpoint', vpc: 'AWS::EC2::VPC', subnet: 'AWS::EC2::Subnet', route_table: 'AWS::EC2::RouteTable',
  route: 'AWS::EC2::Route', subnet_rt_assoc: 'AWS::EC2::SubnetRouteTableAssociation', peering: 'AWS::EC2::VPCPeeringConnection',
  tgw_attachment: 'AWS::EC2::TransitGatewayVpcAttachment', vpn_gateway: 'AWS::EC2::VPNGateway', security_group: 'AWS::EC2::SecurityGroup',
  sg_ingress: 'AWS::EC2::SecurityGroupIngress', hosted_zone: 'AWS::Route53::HostedZone', bucket: 'AWS::S3::Bucket',
  bucket_policy: 'AWS::S3::BucketPolicy',
};

const INGRESS_PATHS = lookupTable<string>({
  security_group: 'GroupId', protocol: 'IpProtocol', from_port: 'FromPort', to_port: 'ToPort', cidrs: 'CidrIp', source_sgs: 'SourceSecurityGroupId',
});

/** The CloudFormation type written for a new resource of a kind. */
export function nativeTypeOf(kind: ResourceKind): string | undefined {
  return NATIVE_TYPES[kind];
}

/** Where a canonical property is written, relative to `Properties` (or to an inline rule). */
export function propertyPath(nativeType: string, kind: ResourceKind, prop: string): string | undefined {
  if (kind === 'sg_ingress') return INGRESS_PATHS[prop];
  if (kind === 'endpoint' && prop === 'inbound_resolver_only') return 'DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint';
  return SIMPLE[nativeType]?.props[prop]?.[0];
}
