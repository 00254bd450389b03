// What policy rules need to know about IAM condition keys and operators. Condition keys compare
// case-insensitively (`aws:sourcevpce` is `aws:SourceVpce`); only `aws:` global keys are judged,
// service keys (`s3:x-amz-acl`) are left alone.
import { nearest } from '../data/distance';

export interface ConditionKeyInfo {
  /** Canonical spelling. Tag keys keep the tag name as written: `aws:ResourceTag/team`. */
  name: string;
  /** Compared with ForAnyValue:/ForAllValues: set operators; a plain operator on it, or a set
   *  operator on a single-valued key, is a mistake. */
  multiValued: boolean;
  /** Carries the network path of a request through VPC endpoints. */
  endpointRelated: boolean;
}

/** Global condition keys (IAM User Guide, "AWS global condition context keys"). */
const GLOBAL_KEYS: readonly (readonly [name: string, multiValued: boolean, endpointRelated: boolean])[] = [
  ['aws:SourceVpce', false, true],
  ['aws:SourceVpc', false, true],
  ['aws:SourceVpcArn', false, true],
  ['aws:VpcSourceIp', false, true],
  ['aws:VpceAccount', false, true],
  ['aws:VpceOrgID', false, true],
  ['aws:VpceOrgPaths', true, true],
  ['aws:Ec2InstanceSourceVpc', false, true],
  ['aws:Ec2InstanceSourcePrivateIPv4', false, true],
  ['aws:SourceIp', false, true],
  ['aws:ViaAWSService', false, true],
  ['aws:CalledVia', true, true],
  ['aws:CalledViaFirst', false, true],
  ['aws:CalledViaLast', false, true],
  ['aws:PrincipalArn', false, false],
  ['aws:PrincipalAccount', false, false],
  ['aws:PrincipalOrgID', false, false],
  ['aws:PrincipalOrgPaths', true, false],
  ['aws:PrincipalType', false, false],
  ['aws:PrincipalIsAWSService', false, false],
  ['aws:PrincipalServiceName', false, false],
  ['aws:PrincipalServiceNamesList', true, false],
  ['aws:ResourceAccount', false, false],
  ['aws:ResourceOrgID', false, false],
  ['aws:ResourceOrgPaths', true, false],
  ['aws:SourceArn', false, false],
  ['aws:SourceAccount', false, false],
  ['aws:SourceOrgID', false, false],
  ['aws:SourceOrgPaths', true, false],
  ['aws:SourceIdentity', false, false],
  ['aws:SecureTransport', false, false],
  ['aws:userid', false, false],
  ['aws:username', false, false],
  ['aws:FederatedProvider', false, false],
  ['aws:TokenIssueTime', false, false],
  ['aws:MultiFactorAuthAge', false, false],
  ['aws:MultiFactorAuthPresent', false, false],
  ['aws:CurrentTime', false, false],
  ['aws:EpochTime', false, false],
  ['aws:RequestedRegion', false, false],
  ['aws:Referer', false, false],
  ['aws:UserAgent', false, false],
  ['aws:TagKeys', true, false],
];

/** Keys that take a tag name after a slash. */
const TAG_KEY_PREFIXES = ['aws:PrincipalTag/', 'aws:ResourceTag/', 'aws:RequestTag/'];

const byLower = new Map(GLOBAL_KEYS.map(([name, multiValued, endpointRelated]) =>
  [name.toLowerCase(), { name, multiValued, endpointRelated }]));

export function isGlobalKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

/** The known global key `key` spells (in any case), or undefined. */
export function conditionKeyInfo(key: string): ConditionKeyInfo | undefined {
  const lower = key.toLowerCase();
  const known = byLower.get(lower);
  if (known) return known;
  const tag = TAG_KEY_PREFIXES.find((p) => lower.startsWith(p.toLowerCase()) && lower.length > p.length);
  if (tag) return { name: tag + key.slice(tag.length), multiValued: false, endpointRelated: false };
  return undefined;
}

/** Same key, ignoring case. */
export function sameKey(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Did-you-mean for an unknown `aws:` key: `aws:SourceVpcId` -> `aws:SourceVpc`,
 * `aws:sourceVpcEndpoint` -> `aws:SourceVpce`, `aws:SourceIpAddress` -> `aws:SourceIp`.
 * Undefined for known keys (in any case), service keys, and when nothing is close.
 */
export function closestConditionKey(key: string): string | undefined {
  if (!isGlobalKey(key) || conditionKeyInfo(key)) return undefined;
  const lower = key.toLowerCase();
  // Words people add to a key name: `...Endpoint` for the `e` of Vpce, `...Id`, `...Address`.
  const spelled = lower.replace(/endpoint/g, 'e').replace(/(?:id|ids|address)$/, '');
  const viaWords = byLower.get(spelled) ?? byLower.get(lower.replace(/endpoint/g, 'e'));
  if (viaWords) return viaWords.name;
  const tag = TAG_KEY_PREFIXES.map((p) => p.slice(0, -1)).find((p) => p.toLowerCase() === lower);
  if (tag) return undefined; // `aws:ResourceTag` without a tag name: not a typo we can fix
  const best = nearest(lower, byLower.keys(), 2, (a, b) => Number(!lower.startsWith(a)) - Number(!lower.startsWith(b)));
  return best === undefined ? undefined : byLower.get(best)!.name;
}

// -------------------------------------------------------------------------------------------------
// Operators
// -------------------------------------------------------------------------------------------------

const BASE_OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals',
  'Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress',
  'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike',
  'Null',
] as const;
const SET_PREFIXES = ['ForAllValues', 'ForAnyValue'] as const;

export interface ParsedOperator {
  raw: string;
  /** Canonical base operator (`StringEquals`), when known. */
  base?: string;
  set?: 'ForAllValues' | 'ForAnyValue';
  ifExists: boolean;
  /** Recognised: a known base, optional IfExists (not on Null), optional known set prefix. */
  known: boolean;
  /** Canonical spelling when known. */
  canonical?: string;
  /** Negated match (`StringNotEquals`, `NotIpAddress`, `ArnNotLike`...). */
  negated: boolean;
}

const baseByLower = new Map(BASE_OPERATORS.map((b) => [b.toLowerCase(), b as string]));
const setByLower = new Map(SET_PREFIXES.map((s) => [s.toLowerCase(), s]));

export function parseOperator(raw: string): ParsedOperator {
  const colon = raw.indexOf(':');
  const setPart = colon >= 0 ? raw.slice(0, colon) : undefined;
  let rest = colon >= 0 ? raw.slice(colon + 1) : raw;
  const set = setPart === undefined ? undefined : setByLower.get(setPart.toLowerCase());
  const ifExists = /ifexists$/i.test(rest) && rest.length > 'IfExists'.length;
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  const base = baseByLower.get(rest.toLowerCase());
  const known = base !== undefined && (setPart === undefined || set !== undefined) && !(ifExists && base === 'Null');
  return {
    raw, base, set, ifExists, known,
    canonical: known ? `${set ? set + ':' : ''}${base}${ifExists ? 'IfExists' : ''}` : undefined,
    negated: base !== undefined && /Not/.test(base),
  };
}

/** Did-you-mean for an operator: `StringEqual` -> `StringEquals`, `ForAnyValues:StringLike` ->
 *  `ForAnyValue:StringLike`. Undefined when it is known or nothing is close. */
export function closestOperator(raw: string): string | undefined {
  const parsed = parseOperator(raw);
  if (parsed.known) return undefined;
  const colon = raw.indexOf(':');
  let set = '';
  if (colon >= 0) {
    const s = nearest(raw.slice(0, colon).toLowerCase(), setByLower.keys(), 3);
    if (!s) return undefined;
    set = setByLower.get(s)! + ':';
  }
  const body = (colon >= 0 ? raw.slice(colon + 1) : raw).toLowerCase();
  const candidates = new Map<string, string>();
  for (const b of BASE_OPERATORS) {
    candidates.set(b.toLowerCase(), b);
    if (b !== 'Null') candidates.set(`${b}IfExists`.toLowerCase(), `${b}IfExists`);
  }
  const best = candidates.has(body) ? body : nearest(body, candidates.keys(), 2);
  return best === undefined ? undefined : set + candidates.get(best)!;
}
