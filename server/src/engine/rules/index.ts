// The registry of catalog rules, in catalog order. A meta-test checks every rule file is here.
import type { Rule } from '../rule';

export const RULES: Rule[] = [
  // 1xx region and service names
  // 2xx endpoint type and attributes
  // 3xx reachability
  // 4xx DNS
  // 5xx network
  // 6xx policies
];
