// What type an endpoint is, and what its service name says against that type and its region.
import type { Resource } from '../model';
import { regionEntry } from '../data/aws';
import { endpointService, type EndpointService } from './service-names';
import { strValue } from './values';
import { oncePer } from '../collections';

export type EndpointType = 'Gateway' | 'Interface' | 'GatewayLoadBalancer' | 'Resource' | 'ServiceNetwork';

/** The endpoint's type, including the format's default when not written; undefined if unknown.
 *  Read once per resource: most rules ask it of every endpoint on every lint. */
export const endpointType: (ep: Resource) => EndpointType | undefined = oncePer((ep) => {
  const v = strValue(ep.props.type)?.toLowerCase();
  return v ? ENDPOINT_TYPES.find((t) => t.toLowerCase() === v) : undefined;
});

const ENDPOINT_TYPES: readonly EndpointType[] = ['Gateway', 'Interface', 'GatewayLoadBalancer', 'Resource', 'ServiceNetwork'];

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
