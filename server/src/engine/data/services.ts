// Endpoint service names: parsing `<prefix>.<region>.<service>` and its irregular forms, lookups
// and did-you-mean over the generated PrivateLink service table.
import { editDistance, nearest } from './distance';
import { allPartitions, closestRegion, looksLikeRegion, partitionOf, partitionPrefix, regionEntry } from './regions';
import { SERVICES } from './services.generated';
import type { ServiceEntry } from './types';
import { lookupTable } from '../collections';

export interface ParsedServiceName {
  raw: string;
  /** customer: `com.amazonaws.vpce.<region>.vpce-svc-<hex>`; other: marketplace, partner or an
   *  unknown prefix (never flagged). */
  kind: 'aws' | 'customer' | 'global' | 'other';
  prefix: string;
  /** Offsets into raw, end exclusive. */
  prefixSpan: [number, number];
  region?: string;
  regionSpan?: [number, number];
  service: string;
  serviceSpan: [number, number];
  /** The known service this name is a spelling of, when there is one. */
  entry?: ServiceEntry;
}

/** Every prefix an AWS endpoint service name can start with, longest first. */
const AWS_PREFIXES = [...new Set(SERVICES.flatMap((s) => [
  s.prefix,
  ...(s.chinaPattern ? [patternPrefix(s.chinaPattern)] : []),
  ...(s.otherPartitions ?? []).map((o) => patternPrefix(o.pattern)),
]))].sort((a, b) => b.length - a.length || a.localeCompare(b));

function patternPrefix(pattern: string): string {
  return pattern.slice(0, pattern.indexOf('.{region}.'));
}
function patternSuffix(pattern: string): string {
  return pattern.slice(pattern.indexOf('.{region}.') + '.{region}.'.length);
}

const globalByName = new Map(SERVICES.filter((s) => s.scope !== 'regional').map((s) => [s.name, s]));
/** Services with a region part, by every suffix they are written with (China `transcribe.cn`
 *  too). Fixed-region names are included so that one written with another region is recognised. */
const regionalBySuffix = new Map<string, ServiceEntry[]>();
for (const s of SERVICES) {
  if (s.scope === 'global') continue;
  const suffixes = new Set([s.suffix, ...(s.chinaPattern ? [patternSuffix(s.chinaPattern)] : [])]);
  for (const suffix of suffixes) {
    const list = regionalBySuffix.get(suffix) ?? [];
    list.push(s);
    regionalBySuffix.set(suffix, list);
  }
}

/** Timestream cell endpoints are per account: `timestream.ingest-cell1`, `timestream.query-cell2`. */
function canonicalSuffix(service: string): string {
  return service.replace(/^(timestream\.(?:ingest|query)-cell)\d+$/, '$1');
}

function regionalEntry(service: string, prefix: string): ServiceEntry | undefined {
  const list = regionalBySuffix.get(canonicalSuffix(service));
  if (!list) return undefined;
  // `freetier` and `resource-explorer-2` exist under two prefixes: take the one written.
  return list.find((s) => s.prefix === prefix) ?? list[0];
}

function isRegionLabel(label: string): boolean {
  return looksLikeRegion(label) || closestRegion(label) !== undefined || regionEntry(label) !== undefined;
}

/** Parses an endpoint service name. Undefined when it is not shaped like one at all. */
export function parseServiceName(raw: string): ParsedServiceName | undefined {
  const labels = raw.split('.');
  if (labels.length < 2 || labels.some((l) => l.length === 0 || /\s/.test(l))) return undefined;

  const fixed = globalByName.get(raw);
  if (fixed) {
    const prefixEnd = fixed.prefix.length;
    if (fixed.scope === 'global') {
      return { raw, kind: 'global', prefix: fixed.prefix, prefixSpan: [0, prefixEnd], service: raw.slice(prefixEnd + 1),
        serviceSpan: [prefixEnd + 1, raw.length], entry: fixed };
    }
    const regionStart = prefixEnd + 1;
    const regionEnd = raw.indexOf('.', regionStart);
    return { raw, kind: 'aws', prefix: fixed.prefix, prefixSpan: [0, prefixEnd], region: raw.slice(regionStart, regionEnd),
      regionSpan: [regionStart, regionEnd], service: fixed.suffix, serviceSpan: [regionEnd + 1, raw.length], entry: fixed };
  }

  const prefix = AWS_PREFIXES.find((p) => raw.startsWith(p + '.'));
  if (!prefix) return parseOther(raw, labels);
  const rest = raw.slice(prefix.length + 1);
  const restLabels = rest.split('.');

  // Endpoint services of your own (and Marketplace/partner ones): `com.amazonaws.vpce.<region>.<id>`.
  if (restLabels[0] === 'vpce' && restLabels.length >= 3) {
    return split(raw, 'customer', prefix.length + 5);
  }
  if (restLabels.length >= 2 && isRegionLabel(restLabels[0])) {
    const parsed = split(raw, 'aws', prefix.length);
    parsed.entry = regionalEntry(parsed.service, prefix);
    return parsed;
  }
  // A regional service with its region left out (`com.amazonaws.s3`): no region to show.
  const missingRegion = regionalEntry(rest, prefix);
  if (missingRegion) {
    return { raw, kind: 'aws', prefix, prefixSpan: [0, prefix.length], service: rest,
      serviceSpan: [prefix.length + 1, raw.length], entry: missingRegion };
  }
  // No region in it: a global name (`com.amazonaws.x`), unknown since it matched none above.
  return { raw, kind: 'global', prefix, prefixSpan: [0, prefix.length], service: rest,
    serviceSpan: [prefix.length + 1, raw.length] };
}

/** `<prefix>.<region>.<service>` where the prefix is raw[0, prefixEnd). */
function split(raw: string, kind: ParsedServiceName['kind'], prefixEnd: number): ParsedServiceName {
  const regionStart = prefixEnd + 1;
  const regionEnd = raw.indexOf('.', regionStart);
  return {
    raw, kind, prefix: raw.slice(0, prefixEnd), prefixSpan: [0, prefixEnd],
    region: raw.slice(regionStart, regionEnd), regionSpan: [regionStart, regionEnd],
    service: raw.slice(regionEnd + 1), serviceSpan: [regionEnd + 1, raw.length],
  };
}

/** Unknown prefix: a partner name, or something else we do not judge. Its region, when one of
 *  its labels is a known region, is still reported for cross-checks. */
function parseOther(raw: string, labels: string[]): ParsedServiceName | undefined {
  const regionIndex = labels.findIndex((l, i) => i > 0 && i < labels.length - 1 && regionEntry(l) !== undefined);
  if (regionIndex < 0) {
    if (labels.length < 3) return undefined;
    return { raw, kind: 'other', prefix: '', prefixSpan: [0, 0], service: raw, serviceSpan: [0, raw.length] };
  }
  const prefixEnd = labels.slice(0, regionIndex).join('.').length;
  return split(raw, 'other', prefixEnd);
}

const allSuffixes = [...new Set(SERVICES.map((s) => s.suffix))];
const squash = (s: string) => s.toLowerCase().replace(/[-.]/g, '');
const currentRank = (suffix: string) =>
  SERVICES.some((s) => s.suffix === suffix && s.status.startsWith('current')) ? 0 : 1;

/** Endpoint names that differ from the SDK/service name people reach for (PrivateLink guide). */
const SDK_NAME_MIXUPS = lookupTable<string>({
  kinesis: 'kinesis-streams', firehose: 'kinesis-firehose', appsync: 'appsync-api', cloudhsm: 'cloudhsmv2',
  cloudwatch: 'monitoring', efs: 'elasticfilesystem', eventbridge: 'events', stepfunctions: 'states',
});

/** Did-you-mean for a service suffix: `secretmanager` -> `secretsmanager`, `ssm-messages` ->
 *  `ssmmessages`, `ecr-dkr` -> `ecr.dkr`. Undefined when nothing is close or it is ambiguous. */
export function closestService(suffix: string): string | undefined {
  const lower = suffix.toLowerCase();
  if (allSuffixes.includes(lower)) return lower;
  if (SDK_NAME_MIXUPS[lower]) return SDK_NAME_MIXUPS[lower];
  // Same letters, other separators: the usual mix-up of `-`, `.` and nothing.
  const sameLetters = allSuffixes.filter((s) => squash(s) === squash(lower));
  if (sameLetters.length === 1) return sameLetters[0];
  const max = Math.min(2, Math.max(1, Math.floor(lower.length / 4)));
  return nearest(lower, allSuffixes, max, (a, b) =>
    currentRank(a) - currentRank(b) || editDistance(squash(lower), squash(a)) - editDistance(squash(lower), squash(b)));
}

function entriesFor(suffix: string): ServiceEntry[] {
  return regionalBySuffix.get(canonicalSuffix(suffix)) ?? SERVICES.filter((s) => s.suffix === suffix);
}

/**
 * The prefix the service's name has in `region`: `cn.com.amazonaws` for the services that use it
 * in that China region, the partition prefix for the EUSC/ISO exceptions, else the pattern's own.
 * Gateway endpoints of s3/dynamodb keep `com.amazonaws` in China (only their Interface names move);
 * without `type` the gateway name is assumed for them.
 */
export function expectedPrefix(suffix: string, region: string, type?: 'Interface' | 'Gateway'): string | undefined {
  const entry = entriesFor(suffix).find((s) => s.status !== 'discontinued') ?? entriesFor(suffix)[0];
  if (!entry) return undefined;
  return prefixIn(entry, region, type);
}

function prefixIn(entry: ServiceEntry, region: string, type?: 'Interface' | 'Gateway'): string {
  const gateway = type === 'Gateway' || (type === undefined && entry.types.includes('Gateway'));
  if (entry.chinaPattern && entry.chinaRegions?.includes(region) && !gateway) return patternPrefix(entry.chinaPattern);
  const other = entry.otherPartitions?.find((o) => o.regions.includes(region));
  if (other) return patternPrefix(other.pattern);
  return entry.prefix;
}

/** Every prefix that is right for the service in `region` (s3 in China: both). */
export function acceptedPrefixes(suffix: string, region: string): string[] {
  const out = new Set<string>();
  for (const entry of entriesFor(suffix)) {
    for (const type of entry.types) out.add(prefixIn(entry, region, type));
  }
  return [...out];
}

/** The full name of a service in a region (China suffix `transcribe.cn` included). */
export function serviceNameIn(entry: ServiceEntry, region: string, type?: 'Interface' | 'Gateway'): string {
  if (entry.scope !== 'regional') return entry.name;
  const prefix = prefixIn(entry, region, type);
  const china = entry.chinaPattern && prefix === patternPrefix(entry.chinaPattern) && entry.chinaRegions?.includes(region);
  const suffix = china ? patternSuffix(entry.chinaPattern!) : entry.suffix;
  return `${prefix}.${region}.${suffix}`;
}

/** Names offered for completion in `region`: current services of its partition, in table order. */
export function serviceNamesFor(region: string): { name: string; entry: ServiceEntry }[] {
  const partition = partitionOf(region);
  const ownPrefix = partition ? partitionPrefix(partition) : 'com.amazonaws';
  const out: { name: string; entry: ServiceEntry }[] = [];
  const seen = new Set<string>();
  for (const entry of SERVICES) {
    if (entry.status === 'discontinued') continue;
    if (entry.scope === 'fixed-region' && entry.fixedRegion !== region) continue;
    // Names under another partition's prefix (the ISO-only diode-messaging) are not for this one.
    if (isPartitionPrefix(entry.prefix) && entry.prefix !== ownPrefix
      && !entry.otherPartitions?.some((o) => o.regions.includes(region))) continue;
    for (const type of entry.types) {
      const name = serviceNameIn(entry, region, type);
      if (!seen.has(name)) {
        seen.add(name);
        out.push({ name, entry });
      }
    }
  }
  return out;
}

const partitionPrefixes = new Set(allPartitions().map(partitionPrefix));
/** A prefix that names a partition other than `aws` (`gov.ic.c2s`), not a service family (`aws.api`). */
function isPartitionPrefix(prefix: string): boolean {
  return prefix !== 'com.amazonaws' && partitionPrefixes.has(prefix);
}
