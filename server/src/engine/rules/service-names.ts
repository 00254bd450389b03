// An endpoint's service name, parsed once, and where the pieces of the name are written.
import type { Loc, Resource, StrVal } from '../model';
import { parseServiceName, type ParsedServiceName } from '../data/aws';
import { exactLocInStr, locateInStr } from './source-text';
import { str } from './values';
import { oncePer } from '../collections';

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
 * (`${AWS::Region}`, `${data.aws_region.current.region}`) still yields its service part. Parsed
 * once per resource: every rule asks it of every endpoint.
 */
export const endpointService: (ep: Resource) => EndpointService | undefined = oncePer(readEndpointService);

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

/** The service-name value with unknown region pieces standing in as the placeholder region, so
 *  offsets into `parsed` (which was parsed with that placeholder) map onto its pieces. */
function nameVal(service: EndpointService): StrVal {
  if (service.resolved) return service.val;
  const parts = service.val.parts.map((p) => (p.text === undefined && p.value === undefined && p.isRegion ? { ...p, value: PLACEHOLDER_REGION } : p));
  return { ...service.val, parts };
}

/** locateInStr for offsets into a parsed endpoint service name (deployment-region names too). */
export function locateInName(service: EndpointService, span: [number, number]): Loc {
  return locateInStr(nameVal(service), span[0], span[1]);
}

/** exactLocInStr for offsets into a parsed endpoint service name (deployment-region names too). */
export function exactLocInName(service: EndpointService, span: [number, number]): Loc | undefined {
  return exactLocInStr(nameVal(service), span[0], span[1]);
}

/** The AWS service suffix of an endpoint (`ssm`, `ecr.dkr`, `s3`), when its name is known. */
export function serviceSuffix(ep: Resource): string | undefined {
  const svc = endpointService(ep);
  if (!svc || svc.parsed.kind !== 'aws') return undefined;
  return svc.parsed.entry?.suffix ?? svc.parsed.service;
}

/** The endpoint's AWS service suffix, a FIPS variant read as its base service. */
export function endpointBaseService(ep: Resource): string | undefined {
  const svc = endpointService(ep);
  const entry = svc?.parsed.entry;
  if (!svc || !entry || (svc.parsed.kind !== 'aws' && svc.parsed.kind !== 'global')) return undefined;
  return entry.fipsBase ?? entry.suffix;
}
