// AWS partition of a region name, for `AWS::Partition` (aws-data/regions.tsv).
const PREFIXES: [string, string][] = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['eu-isoe-', 'aws-iso-e'],
  ['us-iso-', 'aws-iso'],
  ['eusc-', 'aws-eusc'],
];

export function partitionOf(region: string): string {
  return PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}
