// The AWS facts rules use: regions, partitions and endpoint service names.
export type { PartitionEntry, RegionEntry, ServiceEntry } from './types';
export { allPartitions, allRegions, closestRegion, looksLikeRegion, partitionOf, partitionPrefix, regionEntry } from './regions';
export type { ParsedServiceName } from './services';
export {
  acceptedPrefixes, closestService, expectedPrefix, parseServiceName, serviceNameIn, serviceNamesFor,
} from './services';
