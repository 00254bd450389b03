// The format-independent model every rule reads. Parsers (terraform/, cloudformation/, policy/)
// produce it; rules never look at syntax trees. Everything keeps the source range it came from.

/** Zero-based line and UTF-16 character, as in LSP. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
/** A range in a file. `file` is the path the engine was given for that file. */
export interface Loc { file: string; range: Range }

export type Format = 'terraform' | 'cloudformation' | 'policy';

// ---------------------------------------------------------------------------------------------
// Values. A value either resolved (str/num/bool/list/obj/ref) or is `unknown`: rules stay silent
// on unknowns. `loc` is the whole expression that produced the value in this file.
// ---------------------------------------------------------------------------------------------

/** One piece of a string: literal text, or an interpolation (`${var.region}`, `${AWS::Region}`). */
export interface StrPart {
  /** Literal text as written (set for literal pieces). Its `loc` maps one character to one. */
  text?: string;
  /** Source text of an interpolated expression, e.g. `var.region`, `AWS::Region`. */
  expr?: string;
  /** The resolved value of this piece; undefined when unknown. */
  value?: string;
  /** This piece is "the deployment region" of the resource (AWS::Region, data.aws_region.*). */
  isRegion?: boolean;
  loc: Loc;
}

export interface StrVal {
  t: 'str';
  /** Fully resolved string, or undefined when some part is unknown. */
  v?: string;
  /** Pieces in order. A plain literal has one part whose loc is the content without quotes. */
  parts: StrPart[];
  loc: Loc;
  /** Where the value came from when it was not written here (a variable default, a tfvars file). */
  origin?: Loc;
  /** CloudFormation `!Select [i, !GetAZs '']`: the i-th Availability Zone of the deployment region
   *  (`v` is undefined). Equal indexes are the same zone, different ones different zones. */
  azIndex?: number;
}
export interface NumVal { t: 'num'; v: number; loc: Loc; origin?: Loc }
export interface BoolVal { t: 'bool'; v: boolean; loc: Loc; origin?: Loc }
export interface ListVal {
  t: 'list'; items: Val[]; loc: Loc; origin?: Loc;
  /** False when the list may hold more items than we could see (a splat over an unknown count...). */
  complete: boolean;
}
export interface ObjVal {
  t: 'obj';
  entries: ObjEntry[];
  loc: Loc;
  origin?: Loc;
}
export interface ObjEntry { key: string; keyLoc: Loc; value: Val }
/** A reference to another resource of the same scope, e.g. `aws_vpc.main.id`, `!Ref Vpc`. */
export interface RefVal { t: 'ref'; target: string; attr?: string; loc: Loc }
export interface UnknownVal {
  t: 'unknown'; loc: Loc;
  /** Why it is unknown ("module output", "Fn::ImportValue"...), for debugging and hovers. */
  why?: string;
  /** The unknown value is the deployment region (CFN `AWS::Region`, TF region of unknown provider). */
  isRegion?: boolean;
  /** CloudFormation `Fn::If`: both branch values (the condition name is in `why`). */
  branches?: Val[];
}
export type Val = StrVal | NumVal | BoolVal | ListVal | ObjVal | RefVal | UnknownVal;

// ---------------------------------------------------------------------------------------------
// Resources. Parsers map Terraform and CloudFormation resource types and their attribute names to
// the canonical kinds and property names below, so one rule serves every format.
// ---------------------------------------------------------------------------------------------

export type ResourceKind =
  | 'endpoint'          // aws_vpc_endpoint, AWS::EC2::VPCEndpoint
  | 'vpc'               // aws_vpc, AWS::EC2::VPC
  | 'subnet'            // aws_subnet, AWS::EC2::Subnet
  | 'route_table'       // aws_route_table, AWS::EC2::RouteTable
  | 'route'             // aws_route, AWS::EC2::Route, and each inline `route` block of aws_route_table
  | 'endpoint_rt_assoc' // aws_vpc_endpoint_route_table_association
  | 'endpoint_subnet_assoc' // aws_vpc_endpoint_subnet_association
  | 'endpoint_sg_assoc' // aws_vpc_endpoint_security_group_association
  | 'subnet_rt_assoc'   // aws_route_table_association, AWS::EC2::SubnetRouteTableAssociation
  | 'peering'           // aws_vpc_peering_connection, AWS::EC2::VPCPeeringConnection
  | 'tgw_attachment'    // aws_ec2_transit_gateway_vpc_attachment, AWS::EC2::TransitGatewayVpcAttachment (+ *Attachment)
  | 'vpn_gateway'       // aws_vpn_gateway, AWS::EC2::VPNGateway
  | 'security_group'    // aws_security_group, AWS::EC2::SecurityGroup
  | 'sg_ingress'        // aws_security_group_rule (type=ingress), aws_vpc_security_group_ingress_rule,
                        // AWS::EC2::SecurityGroupIngress, and each inline ingress rule
  | 'hosted_zone'       // aws_route53_zone, AWS::Route53::HostedZone
  | 'zone_vpc_assoc'    // aws_route53_zone_association, AWS::Route53::... (VPCs inline on the zone too)
  | 'bucket'            // aws_s3_bucket, AWS::S3::Bucket
  | 'bucket_policy'     // aws_s3_bucket_policy, AWS::S3::BucketPolicy
  | 'workload'          // something that runs in subnets: aws_instance, ECS services, Lambda in VPC...
  | 'handoff'           // TF `module` calls, AWS::CloudFormation::Stack, AWS::Serverless::Application:
                        // code we cannot see that gets resources of this scope and may add to them
  | 'provider';         // Terraform provider blocks (region settings), kept for related info

/**
 * Canonical property names per kind (a property is absent when not written and not defaulted):
 *
 * endpoint: service_name (str), type (str: Gateway|Interface|GatewayLoadBalancer|Resource|
 *   ServiceNetwork; when not written, parsers set the format default: TF "Gateway", CFN "Gateway"
 *   and mark `defaulted`), vpc (ref), subnets (list), security_groups (list), route_tables (list),
 *   private_dns (bool), dns_options (obj, presence matters), inbound_resolver_only (bool: TF
 *   dns_options.private_dns_only_for_inbound_resolver_endpoint, CFN ...=OnlyInboundResolver),
 *   policy (Policy via `policy` field of the resource, plus raw value here), service_region (str).
 * vpc: cidr (str), dns_support (bool, default true), dns_hostnames (bool, default false)
 * subnet: vpc (ref), az (str: a zone name like `eu-west-1a`; CFN `!Select [i, !GetAZs '']` is a str
 *   with `v` undefined and `azIndex` i), az_id (str: a zone id like `euw1-az1`, TF
 *   availability_zone_id, CFN AvailabilityZoneId), cidr (str)
 * route_table: vpc (ref)
 * route: route_table (ref), dest_cidr (str), dest_prefix_list (str|ref), target_kind (str:
 *   peering|tgw|vgw|vpce|igw|nat|eni|other), target (ref or str)
 * endpoint_rt_assoc: endpoint (ref), route_table (ref)
 * endpoint_subnet_assoc: endpoint (ref), subnet (ref)
 * endpoint_sg_assoc: endpoint (ref), security_group (ref)
 * subnet_rt_assoc: subnet (ref), route_table (ref)
 * peering: vpc (ref), peer_vpc (ref)
 * tgw_attachment: vpc (ref), transit_gateway (ref|str), subnets (list)
 * vpn_gateway: vpc (ref)
 * security_group: vpc (ref)
 * sg_ingress: security_group (ref), protocol (str: "tcp", "-1", "6"...), from_port (num),
 *   to_port (num), cidrs (list), source_sgs (list)
 * hosted_zone: name (str), vpcs (list of refs; non-empty means private zone)
 * zone_vpc_assoc: zone (ref), vpc (ref)
 * bucket: name (str), region (str)
 * bucket_policy: bucket (ref|str), policy (raw value; parsed into Policy)
 * workload: subnets (list)
 * handoff: source (str: TF module `source`, CFN `TemplateURL`/`Location` when a string), refs (list
 *   of refs: every reference to a resource of this scope found anywhere in the module's arguments or
 *   the stack's `Parameters`, inside strings and functions too). Rules that conclude something is
 *   missing from a VPC stay silent when the VPC (or the resource concerned) is among the refs.
 * provider: region (str), alias (str)
 */
export interface Resource {
  kind: ResourceKind;
  /** Unique in its scope: `aws_vpc_endpoint.s3`, `aws_subnet.private[0]`, CFN logical id. */
  key: string;
  /** The native type as written: `aws_vpc_endpoint`, `AWS::EC2::VPCEndpoint`. */
  nativeType: string;
  /** The name as a user reads it: `aws_vpc_endpoint.s3`, `S3Endpoint`. */
  displayName: string;
  format: Format;
  /** Whole block / resource definition. */
  loc: Loc;
  /** The resource's name token (TF second label, CFN logical id key): findings about the whole
   *  resource point here. */
  nameLoc: Loc;
  props: Record<string, Val | undefined>;
  /** Where each property's key was written (attribute name range), for removal fixes. */
  propKeyLocs: Record<string, Loc | undefined>;
  /** Properties that were not written but took the format's default (e.g. endpoint `type`). */
  defaulted?: string[];
  /** The region this resource is created in. */
  region: RegionInfo;
  /** CloudFormation `Condition` on the resource, when it has one. */
  condition?: string;
  /** For a resource expanded from count/for_each: the instance index/key. */
  instance?: string | number;
  /** Inline resources (route, sg_ingress) point at the resource that contains them. */
  parent?: string;
  /** Policy documents attached to this resource (endpoint policy, bucket policy). */
  policies?: Policy[];
  /** Lines with `vpce-lint-ignore` codes for CFN JSON `Metadata: {"vpce-lint": {"ignore": [...]}}`. */
  ignoreCodes?: string[];
}

/** The region a resource is deployed to. */
export interface RegionInfo {
  /** Known region name, e.g. "eu-west-1". */
  value?: string;
  /** True when the region is "the deployment region": unknown but consistent (CFN AWS::Region,
   *  a Terraform provider whose region is not resolvable). */
  deployment: boolean;
  /** Where the region is set (provider `region` attribute, resource `region` argument). */
  loc?: Loc;
  /** How a user would describe where the region comes from: "provider `aws.west`". */
  via?: string;
  /** The expression in the module that yields this region, for fixes:
   *  TF `data.aws_region.current.region` / `var.region`; CFN `AWS::Region`. */
  expr?: string;
  /** Value was written as a literal at `loc` (not through a variable). */
  literal?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

export type PolicyKind = 'endpoint' | 'bucket' | 'identity' | 'resource' | 'standalone';

export interface Policy {
  kind: PolicyKind;
  /** The resource that owns it (endpoint key, bucket policy key). */
  owner?: string;
  loc: Loc;
  statements: Statement[];
  /** The whole document as a value tree (JSON-shaped), for fixes that rewrite it. */
  doc?: ObjVal;
  /** The syntax it was written in: JSON text/heredoc, HCL jsonencode, YAML, or the
   *  aws_iam_policy_document data source's blocks (no JSON keys there). */
  syntax: 'json' | 'hcl-object' | 'yaml' | 'iam-policy-document';
}

export interface Statement {
  loc: Loc;
  sid?: StrVal;
  effect?: StrVal;
  /** `*` principals are represented as a single str "*". Absent for identity policies. */
  principals?: Val;
  /** `NotPrincipal`, as written (same shape as `principals`). */
  notPrincipals?: Val;
  actions: StrVal[];
  notActions?: StrVal[];
  resources: StrVal[];
  notResources?: StrVal[];
  conditions: Condition[];
  /** False when some part could not be resolved (dynamic blocks, unknown lists). */
  complete: boolean;
}

export interface Condition {
  /** Operator as written, e.g. `StringNotEquals`, `ForAnyValue:StringLike`, `IpAddress`. */
  operator: string;
  operatorLoc: Loc;
  /** Condition key as written, e.g. `aws:SourceVpce`. */
  key: string;
  keyLoc: Loc;
  values: Val[];
}

// ---------------------------------------------------------------------------------------------
// Files and scopes
// ---------------------------------------------------------------------------------------------

export type FileKind =
  | 'terraform'            // .tf
  | 'terraform-json'       // .tf.json
  | 'tfvars'               // terraform.tfvars, *.auto.tfvars, *.tfvars
  | 'tfvars-json'          // *.tfvars.json
  | 'cloudformation-yaml'
  | 'cloudformation-json'
  | 'policy-json'
  | 'none';                // not ours: left alone

export interface ParseProblem {
  loc: Loc;
  message: string;
}

/** A comment that suppresses findings: `# vpce-lint-ignore VPCE401 reason`. */
export interface Suppression {
  /** Codes it names; empty means all. */
  codes: string[];
  /** `file` for vpce-lint-ignore-file, else the line it applies to (its own line and the next). */
  scope: 'file' | 'line';
  /** Lines (0-based) whose findings it suppresses. */
  lines: number[];
  loc: Loc;
}

export interface SourceFile {
  path: string;
  kind: FileKind;
  text: string;
  problems: ParseProblem[];
  suppressions: Suppression[];
}

/** What is linted together: a Terraform module directory, one template, one policy file. */
export interface Scope {
  id: string;
  format: Format;
  files: SourceFile[];
  resources: Resource[];
  byKey: Map<string, Resource>;
  /** Policies not attached to a resource (standalone files, identity policies, data sources). */
  policies: Policy[];
  /** Builds fixes in this scope's syntax. */
  editor: Editor;
  /** Other files whose content the scope depends on (read by Terraform's `file()`): a change to
   *  one of them means the scope must be rebuilt. */
  dependencies?: string[];
}

// ---------------------------------------------------------------------------------------------
// Fixes: rules describe what to change in canonical terms; each format's Editor turns that into
// text edits that keep the file's layout.
// ---------------------------------------------------------------------------------------------

export interface TextEdit { file: string; range: Range; newText: string }

/** A value to write into a file. `raw` is source text copied from the same format. */
export type NewValue =
  | { bool: boolean }
  | { str: string }
  | { num: number }
  | { list: NewValue[] }
  | { raw: string }
  | { refs: string[] }                               // references to resources by key (ids)
  /** A string that contains the deployment region, e.g. ['com.amazonaws.', REGION, '.s3']. */
  | { regionTemplate: (string | typeof REGION)[] }
  | { obj: Record<string, NewValue> };

export const REGION: unique symbol = Symbol('region');

export interface NewResource {
  kind: ResourceKind;
  /** Suggested name (TF label / CFN logical id); the editor makes it unique. */
  name: string;
  props: Record<string, NewValue>;
}

export interface Editor {
  format: Format;
  /** Replace text at a location (a region in a service name, a condition key). */
  replace(loc: Loc, newText: string): TextEdit[];
  /** Set a canonical property on a resource, adding it when absent. */
  setProp(res: Resource, prop: string, value: NewValue): TextEdit[];
  /** Set several properties of one resource in one change: a missing parent (`Properties`,
   *  `dns_options`) is created once and added attributes are laid out together. */
  setProps?(res: Resource, values: [prop: string, value: NewValue][]): TextEdit[];
  /** Remove a canonical property from a resource (the whole attribute line/entry). */
  removeProp(res: Resource, prop: string): TextEdit[];
  /** Insert a new resource after `after`, in the same file. */
  insertResource(after: Resource, res: NewResource): TextEdit[];
  /** Add a condition `operator: { key: values }` to a policy statement (merging into an existing
   *  operator block when there is one). */
  addCondition(policy: Policy, stmt: Statement, operator: string, key: string, values: NewValue): TextEdit[];
  /** Whether text written at `loc` reads back as written: false in a Terraform block that is not
   *  closed or holds a syntax error, where the parser's recovery can read an edit quite otherwise
   *  (the editor's own methods edit no such block; text a rule places itself should ask). */
  readsCleanly?(loc: Loc): boolean;
}
