// The registry of catalog rules, in catalog order. A meta-test checks every rule file is here.
import type { Rule, RuleMeta } from '../rule';
import { ENGINE_DIAGNOSTICS } from './engine-diagnostics';
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
import { rule as vpce301 } from './VPCE301-gateway-route-table-other-vpc';
import { rule as vpce302 } from './VPCE302-gateway-endpoint-across-peering';
import { rule as vpce303 } from './VPCE303-private-dns-not-shared';
import { rule as vpce401 } from './VPCE401-interface-without-private-dns';
import { rule as vpce402 } from './VPCE402-private-dns-requires-vpc-dns';
import { rule as vpce403 } from './VPCE403-s3-inbound-resolver-needs-gateway';
import { rule as vpce501 } from './VPCE501-endpoint-sg-blocks-https';
import { rule as vpce502 } from './VPCE502-interface-single-az';
import { rule as vpce503 } from './VPCE503-missing-companion-endpoint';
import { rule as vpce504 } from './VPCE504-interface-default-security-group';
import { rule as vpce601 } from './VPCE601-endpoint-policy-full-access';
import { rule as vpce602 } from './VPCE602-source-ip-behind-endpoint';
import { rule as vpce603 } from './VPCE603-malformed-endpoint-id';
import { rule as vpce604 } from './VPCE604-vpce-allow-only';
import { rule as vpce605 } from './VPCE605-vpce-deny-lockout';
import { rule as vpce606 } from './VPCE606-condition-key-typo';
import { rule as vpce607 } from './VPCE607-policy-service-mismatch';

export const RULES: Rule[] = [
  // 1xx region and service names
  vpce101, vpce102, vpce103, vpce104, vpce105, vpce106,
  // 2xx endpoint type and attributes
  vpce201, vpce202, vpce203, vpce204, vpce205,
  // 3xx reachability
  vpce301, vpce302, vpce303,
  // 4xx DNS
  vpce401, vpce402, vpce403,
  // 5xx network
  vpce501, vpce502, vpce503, vpce504,
  // 6xx policies
  vpce601, vpce602, vpce603, vpce604, vpce605, vpce606, vpce607,
];

/** Every diagnostic vpce-lint can report: the engine's own, then the catalog rules. */
export const RULE_CATALOG: readonly RuleMeta[] = [...ENGINE_DIAGNOSTICS, ...RULES.map((r) => r.meta)];
