// How resources, their properties and endpoint types are written in messages.
import type { Resource } from '../model';
import type { EndpointType } from './endpoints';
import { lookupTable } from '../collections';

/** How an endpoint property is spelled in the resource's own format, for messages. */
const ENDPOINT_ATTRIBUTES = lookupTable<[terraform: string, cloudformation: string]>({
  service_name: ['service_name', 'ServiceName'],
  type: ['vpc_endpoint_type', 'VpcEndpointType'],
  subnets: ['subnet_ids', 'SubnetIds'],
  security_groups: ['security_group_ids', 'SecurityGroupIds'],
  route_tables: ['route_table_ids', 'RouteTableIds'],
  private_dns: ['private_dns_enabled', 'PrivateDnsEnabled'],
  dns_options: ['dns_options', 'DnsOptions'],
  service_region: ['service_region', 'ServiceRegion'],
  policy: ['policy', 'PolicyDocument'],
});

export function endpointAttribute(ep: Resource, prop: string): string {
  const names = ENDPOINT_ATTRIBUTES[prop];
  if (!names) return prop;
  return ep.format === 'cloudformation' ? names[1] : names[0];
}

// Attribute spellings of the VPC and DNS properties (endpoint ones are in endpointAttribute).
const MORE_ATTRIBUTES = lookupTable<[terraform: string, cloudformation: string]>({
  dns_support: ['enable_dns_support', 'EnableDnsSupport'],
  dns_hostnames: ['enable_dns_hostnames', 'EnableDnsHostnames'],
  inbound_resolver_only: ['private_dns_only_for_inbound_resolver_endpoint', 'PrivateDnsOnlyForInboundResolverEndpoint'],
});

/** How a property of any resource is spelled in its own format, for messages. */
export function attributeName(res: Resource, prop: string): string {
  const names = MORE_ATTRIBUTES[prop];
  return names ? (res.format === 'cloudformation' ? names[1] : names[0]) : endpointAttribute(res, prop);
}

/** "a Gateway endpoint" with, when the type was not written, a note that Gateway is the default. */
export function describeType(ep: Resource, type: EndpointType): string {
  const article = /^[AEIOU]/.test(type) ? 'an' : 'a';
  if (ep.defaulted?.includes('type')) {
    return `${article} ${type} endpoint (the default: \`${endpointAttribute(ep, 'type')}\` is not set)`;
  }
  return `${article} ${type} endpoint`;
}

/** The name of a resource without its count/for_each index, so instances share one message. */
export function baseName(res: Resource): string {
  return res.instance === undefined ? res.displayName : res.displayName.replace(/\[[^\]]*\]$/, '');
}
