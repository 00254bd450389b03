// Region lookups over the generated SDK partitions table.
import { nearest } from './distance';
import { PARTITIONS, REGIONS } from './regions.generated';
import type { PartitionEntry, RegionEntry } from './types';

const byCode = new Map(REGIONS.map((r) => [r.code, r]));
const partitionById = new Map(PARTITIONS.map((p) => [p.id, p]));

export function regionEntry(code: string): RegionEntry | undefined {
  return byCode.get(code);
}

export function allRegions(): RegionEntry[] {
  return [...REGIONS];
}

export function allPartitions(): PartitionEntry[] {
  return [...PARTITIONS];
}

export function partitionOf(region: string): PartitionEntry | undefined {
  const entry = byCode.get(region);
  if (entry) return partitionById.get(entry.partition);
  // A region not in the table yet still belongs to the partition whose pattern it matches.
  return PARTITIONS.find((p) => new RegExp(p.regionRegex).test(region));
}

/** The endpoint-service name prefix of a partition: its DNS suffix reversed
 *  (`amazonaws.com.cn` -> `cn.com.amazonaws`, `c2s.ic.gov` -> `gov.ic.c2s`). */
export function partitionPrefix(partition: PartitionEntry): string {
  return partition.dnsSuffix.split('.').reverse().join('.');
}

const REGION_SHAPE = /^[a-z]{2,4}(?:-[a-z]+)*?-([a-z]+)-?(\d{1,2})$/;
const DIRECTIONS = ['east', 'west', 'north', 'south', 'central', 'northeast', 'northwest', 'southeast', 'southwest'];

/** Shaped like a region code (`us-gov-west-1`, `eusc-de-east-1`), or a near miss of one
 *  (`us-east1`, `eu-wset-1`): letters, a compass word, a number. */
export function looksLikeRegion(s: string): boolean {
  if (byCode.has(s)) return true;
  const m = REGION_SHAPE.exec(s);
  if (!m) return false;
  return nearest(m[1], DIRECTIONS, m[1].length > 5 ? 2 : 1) !== undefined;
}

function stemAndNumber(code: string): [string, number] {
  const m = /^(.*?)-?(\d+)$/.exec(code);
  return m ? [m[1], Number(m[2])] : [code, NaN];
}

/** Did-you-mean for a region code: the known region within 2 edits (`us-east1` -> `us-east-1`).
 *  Among equally near ones, the one with the same name and the nearest number
 *  (`eu-west-4` -> `eu-west-3`). A known code is returned as is. */
export function closestRegion(code: string): string | undefined {
  const lower = code.toLowerCase();
  if (byCode.has(lower)) return lower;
  const [stem, num] = stemAndNumber(lower);
  const rank = (r: string): [number, number] => {
    const [s, n] = stemAndNumber(r);
    return [s === stem ? 0 : 1, Number.isNaN(num) ? 0 : Math.abs(n - num)];
  };
  return nearest(lower, byCode.keys(), 2, (a, b) => {
    const [sa, na] = rank(a);
    const [sb, nb] = rank(b);
    return sa - sb || na - nb;
  });
}
