// Shapes of the generated AWS tables (regions.generated.ts, services.generated.ts).

export interface PartitionEntry {
  id: string;
  dnsSuffix: string;
  /** The SDK's pattern for region codes of this partition. */
  regionRegex: string;
}

export interface RegionEntry { code: string; partition: string; description: string; dnsSuffix: string }

export interface ServiceEntry {
  /** Full name pattern with a `{region}` placeholder (global names have none). */
  name: string;
  /** The part after `<prefix>.<region>.` (after the prefix for global names). */
  suffix: string;
  prefix: string;
  types: ('Interface' | 'Gateway')[];
  privateDns: 'yes' | 'no' | 'unknown' | 'n/a';
  displayName: string;
  scope: 'regional' | 'global' | 'fixed-region';
  /** The one region of a fixed-region name (`aws.api.us-east-2.route53globalresolver`). */
  fixedRegion?: string;
  fips: boolean;
  /** For a FIPS variant: the suffix of the non-FIPS service. */
  fipsBase?: string;
  crossRegion: boolean;
  /** The name in the China regions listed in `chinaRegions`, when it differs in prefix or suffix. */
  chinaPattern?: string;
  chinaRegions?: string[];
  /** Names in EUSC/ISO regions that use another prefix. */
  otherPartitions?: { pattern: string; regions: string[] }[];
  /** current | current? | unverified(cdk-only) | unverified | discontinued */
  status: string;
}
