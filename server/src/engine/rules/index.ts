// The registry of catalog rules, in catalog order. A meta-test checks every rule file is here.
import type { Rule } from '../rule';
import { rule as vpce101 } from './VPCE101-service-region-mismatch';
import { rule as vpce102 } from './VPCE102-hardcoded-service-region';
import { rule as vpce103 } from './VPCE103-unknown-region';
import { rule as vpce104 } from './VPCE104-unknown-endpoint-service';
import { rule as vpce105 } from './VPCE105-partition-mismatch';
import { rule as vpce106 } from './VPCE106-gateway-cross-region';
import { rule as vpce201 } from './VPCE201-gateway-type-unsupported';
import { rule as vpce202 } from './VPCE202-attribute-not-for-type';
import { rule as vpce203 } from './VPCE203-gateway-without-route-tables';
import { rule as vpce204 } from './VPCE204-duplicate-private-dns';
import { rule as vpce205 } from './VPCE205-interface-without-subnets';

export const RULES: Rule[] = [
  // 1xx region and service names
  vpce101, vpce102, vpce103, vpce104, vpce105, vpce106,
  // 2xx endpoint type and attributes
  vpce201, vpce202, vpce203, vpce204, vpce205,
  // 3xx reachability
  // 4xx DNS
  // 5xx network
  // 6xx policies
];
