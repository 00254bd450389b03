// Small helpers shared by rules: reading canonical properties and service names precisely.
import type { Loc, Resource, StrVal, Val } from '../model';
import { parseServiceName, type ParsedServiceName } from '../data/aws';

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
