// The Availability Zone a subnet is in, as far as it can be compared with other subnets' zones.
import type { Resource } from '../model';

export interface Zone {
  /** Equal keys are the same zone. */
  key: string;
  /** How the zone is written: a name (`eu-west-1a`), an id (`euw1-az1`) or the i-th zone of the
   *  deployment region (CloudFormation `!Select [i, !GetAZs '']`). Names and ids of one region do
   *  not map onto each other the same way in every account, so different kinds never compare. */
  kind: 'name' | 'id' | 'index';
  /** For messages. */
  label: string;
}

/** The subnet's zone, or undefined when it is not known. */
export function zoneOf(subnet: Resource): Zone | undefined {
  const az = subnet.props.az;
  if (az) {
    if (az.t !== 'str') return undefined;
    if (az.v !== undefined) return { kind: 'name', key: `name:${az.v}`, label: az.v };
    return az.azIndex === undefined ? undefined : { kind: 'index', key: `index:${az.azIndex}`, label: `GetAZs[${az.azIndex}]` };
  }
  const id = subnet.props.az_id;
  return id?.t === 'str' && id.v !== undefined ? { kind: 'id', key: `id:${id.v}`, label: id.v } : undefined;
}

/** The zones of subnets by key; undefined when one is not known or they are written in different
 *  kinds. */
export function zonesOf(subnets: readonly Resource[]): Map<string, Zone> | undefined {
  const out = new Map<string, Zone>();
  for (const s of subnets) {
    const zone = s.kind === 'subnet' ? zoneOf(s) : undefined;
    if (!zone) return undefined;
    out.set(zone.key, zone);
  }
  const kinds = new Set([...out.values()].map((z) => z.kind));
  return kinds.size > 1 ? undefined : out;
}
