// Terraform resource types and attribute names -> canonical kinds and properties (model.ts).
import type { ResourceKind } from '../model';
import { lookupTable } from '../collections';

/** `attr` is the Terraform attribute; `a.b` reads attribute b of the first nested block a.
 *  `one` wraps a single value into a list (aws_instance subnet_id -> subnets). */
export interface PropMap { prop: string; attr: string; one?: boolean }

export interface TypeMap {
  kind: ResourceKind;
  props: PropMap[];
  /** Nested blocks read as one object-valued property (presence matters). */
  objects?: { prop: string; block: string }[];
  /** Inline child resources: `route` blocks of aws_route_table... */
  children?: { block: string; kind: ResourceKind; parentProp: string; props: PropMap[] };
  /** The argument holding a policy document, and its kind. */
  policy?: { attr: string; kind: 'endpoint' | 'bucket' };
}

const p = (prop: string, attr: string, one?: boolean): PropMap => (one ? { prop, attr, one } : { prop, attr });

const ROUTE_PROPS = (cidrAttr: string, tableAttr?: string): PropMap[] => [
  ...(tableAttr ? [p('route_table', tableAttr)] : []),
  p('dest_cidr', cidrAttr),
  p('dest_prefix_list', 'destination_prefix_list_id'),
];

const INGRESS_PROPS: PropMap[] = [
  p('protocol', 'protocol'), p('from_port', 'from_port'), p('to_port', 'to_port'),
  p('cidrs', 'cidr_blocks'), p('source_sgs', 'security_groups'),
];

export const TYPES = lookupTable<TypeMap>({
  aws_vpc_endpoint: {
    kind: 'endpoint',
    props: [
      p('service_name', 'service_name'), p('type', 'vpc_endpoint_type'), p('vpc', 'vpc_id'),
      p('subnets', 'subnet_ids'), p('security_groups', 'security_group_ids'), p('route_tables', 'route_table_ids'),
      p('private_dns', 'private_dns_enabled'), p('service_region', 'service_region'),
      p('inbound_resolver_only', 'dns_options.private_dns_only_for_inbound_resolver_endpoint'), p('policy', 'policy'),
    ],
    objects: [{ prop: 'dns_options', block: 'dns_options' }],
    policy: { attr: 'policy', kind: 'endpoint' },
  },
  aws_vpc: { kind: 'vpc', props: [p('cidr', 'cidr_block'), p('dns_support', 'enable_dns_support'), p('dns_hostnames', 'enable_dns_hostnames')] },
  aws_subnet: {
    kind: 'subnet', props: [p('vpc', 'vpc_id'), p('az', 'availability_zone'), p('az_id', 'availability_zone_id'), p('cidr', 'cidr_block')],
  },
  aws_route_table: {
    kind: 'route_table', props: [p('vpc', 'vpc_id')],
    children: { block: 'route', kind: 'route', parentProp: 'route_table', props: ROUTE_PROPS('cidr_block') },
  },
  aws_route: { kind: 'route', props: ROUTE_PROPS('destination_cidr_block', 'route_table_id') },
  aws_vpc_endpoint_route_table_association: { kind: 'endpoint_rt_assoc', props: [p('endpoint', 'vpc_endpoint_id'), p('route_table', 'route_table_id')] },
  aws_vpc_endpoint_subnet_association: { kind: 'endpoint_subnet_assoc', props: [p('endpoint', 'vpc_endpoint_id'), p('subnet', 'subnet_id')] },
  aws_vpc_endpoint_security_group_association: {
    kind: 'endpoint_sg_assoc', props: [p('endpoint', 'vpc_endpoint_id'), p('security_group', 'security_group_id')],
  },
  aws_route_table_association: { kind: 'subnet_rt_assoc', props: [p('subnet', 'subnet_id'), p('route_table', 'route_table_id')] },
  aws_vpc_peering_connection: { kind: 'peering', props: [p('vpc', 'vpc_id'), p('peer_vpc', 'peer_vpc_id')] },
  aws_ec2_transit_gateway_vpc_attachment: {
    kind: 'tgw_attachment', props: [p('vpc', 'vpc_id'), p('transit_gateway', 'transit_gateway_id'), p('subnets', 'subnet_ids')],
  },
  aws_vpn_gateway: { kind: 'vpn_gateway', props: [p('vpc', 'vpc_id')] },
  aws_security_group: {
    kind: 'security_group', props: [p('vpc', 'vpc_id')],
    children: { block: 'ingress', kind: 'sg_ingress', parentProp: 'security_group', props: INGRESS_PROPS },
  },
  aws_security_group_rule: {
    kind: 'sg_ingress',
    props: [
      p('security_group', 'security_group_id'), p('protocol', 'protocol'), p('from_port', 'from_port'), p('to_port', 'to_port'),
      p('cidrs', 'cidr_blocks'), p('source_sgs', 'source_security_group_id', true),
    ],
  },
  aws_vpc_security_group_ingress_rule: {
    kind: 'sg_ingress',
    props: [
      p('security_group', 'security_group_id'), p('protocol', 'ip_protocol'), p('from_port', 'from_port'), p('to_port', 'to_port'),
      p('cidrs', 'cidr_ipv4', true), p('source_sgs', 'referenced_security_group_id', true),
    ],
  },
  aws_route53_zone: { kind: 'hosted_zone', props: [p('name', 'name')] },
  aws_route53_zone_association: { kind: 'zone_vpc_assoc', props: [p('zone', 'zone_id'), p('vpc', 'vpc_id')] },
  aws_s3_bucket: { kind: 'bucket', props: [p('name', 'bucket'), p('region', 'region')], policy: { attr: 'policy', kind: 'bucket' } },
  aws_s3_bucket_policy: { kind: 'bucket_policy', props: [p('bucket', 'bucket'), p('policy', 'policy')], policy: { attr: 'policy', kind: 'bucket' } },
  aws_instance: { kind: 'workload', props: [p('subnets', 'subnet_id', true)] },
  aws_ecs_service: { kind: 'workload', props: [p('subnets', 'network_configuration.subnets')] },
  aws_lambda_function: { kind: 'workload', props: [p('subnets', 'vpc_config.subnet_ids')] },
  aws_eks_cluster: { kind: 'workload', props: [p('subnets', 'vpc_config.subnet_ids')] },
  aws_eks_node_group: { kind: 'workload', props: [p('subnets', 'subnet_ids')] },
  aws_autoscaling_group: { kind: 'workload', props: [p('subnets', 'vpc_zone_identifier')] },
});

/** Route targets: attribute -> target_kind. `gateway_id` depends on what it points at. */
export const ROUTE_TARGETS: [attr: string, kind: string][] = [
  ['vpc_peering_connection_id', 'peering'], ['transit_gateway_id', 'tgw'], ['vpc_endpoint_id', 'vpce'],
  ['nat_gateway_id', 'nat'], ['network_interface_id', 'eni'], ['gateway_id', ''], ['egress_only_gateway_id', 'other'],
  ['local_gateway_id', 'other'], ['carrier_gateway_id', 'other'], ['core_network_arn', 'other'],
];

/** What a `gateway_id` is, from the resource type it references or the id's prefix. */
export function gatewayKind(refType: string | undefined, id: string | undefined): string | undefined {
  if (refType === 'aws_internet_gateway') return 'igw';
  if (refType === 'aws_vpn_gateway') return 'vgw';
  if (refType === 'aws_vpc_endpoint') return 'vpce';
  if (refType) return 'other';
  if (id === undefined) return undefined;
  if (id.startsWith('igw-')) return 'igw';
  if (id.startsWith('vgw-')) return 'vgw';
  if (id.startsWith('vpce-')) return 'vpce';
  return 'other';
}

/** Resource policies other than bucket policies: resource type -> argument holding the document. */
export const RESOURCE_POLICY_TYPES = lookupTable<string>({
  aws_sqs_queue_policy: 'policy', aws_sqs_queue: 'policy', aws_sns_topic_policy: 'policy', aws_sns_topic: 'policy',
  aws_kms_key: 'policy', aws_secretsmanager_secret_policy: 'policy', aws_secretsmanager_secret: 'policy',
  aws_api_gateway_rest_api_policy: 'policy', aws_api_gateway_rest_api: 'policy',
});

/** Identity policies: resource type -> argument holding the document. */
export const IDENTITY_POLICY_TYPES = lookupTable<string>({
  aws_iam_policy: 'policy', aws_iam_role_policy: 'policy', aws_iam_user_policy: 'policy', aws_iam_group_policy: 'policy',
});
