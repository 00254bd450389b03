// What this scope hands to code it cannot see (Terraform `module` calls, nested stacks): such code
// may create endpoints, route table and subnet associations, hosted zones or security group rules
// for what it is given, so rules that conclude something is missing stay silent about it.
import type { Resource } from '../model';
import type { RuleContext } from '../rule';
import { vpcKey } from './network';
import { refKey } from './values';

interface Handoffs {
  /** Keys of the resources referenced, and those keys without a count/for_each index. */
  keys: Set<string>;
  /** VPCs whose id a handoff is given or can read (from a subnet, group, table of the VPC). */
  vpcs: Set<string>;
}

function handoffsOf(ctx: RuleContext): Handoffs {
  return ctx.memo('handoffs', (c) => {
    const found: Handoffs = { keys: new Set(), vpcs: new Set() };
    // Attributes read of each resource handed off (`''` for the id itself).
    const attrs = new Map<string, Set<string>>();
    for (const h of c.all('handoff')) {
      const refs = h.props.refs;
      for (const item of refs?.t === 'list' ? refs.items : []) {
        const key = refKey(item);
        if (key === undefined) continue;
        found.keys.add(key).add(withoutIndex(key));
        for (const k of [key, withoutIndex(key)]) {
          if (!attrs.has(k)) attrs.set(k, new Set());
          attrs.get(k)!.add(item.t === 'ref' ? item.attr ?? '' : '');
        }
      }
    }
    // Without handoffs nothing else is read: most scopes have none.
    if (!attrs.size) return found;
    for (const res of c.allResources()) {
      const read = attrs.get(res.key) ?? attrs.get(withoutIndex(res.key));
      if (!read) continue;
      if (res.kind === 'vpc') found.vpcs.add(res.key);
      // A module can look up the VPC of anything it is given (data sources); a nested stack knows
      // only the values passed to it.
      const vpc = vpcKey(res);
      if (vpc !== undefined && (res.format === 'terraform' || read.has('VpcId'))) found.vpcs.add(vpc);
    }
    return found;
  });
}

function withoutIndex(key: string): string {
  return key.replace(/\[[^\]]*\]$/, '');
}

function isHandedOff(h: Handoffs, key: string): boolean {
  return h.keys.has(key) || h.keys.has(withoutIndex(key));
}

/** Whether a module call or nested stack is given this resource (any instance of it). */
export function handedOff(ctx: RuleContext, res: Resource): boolean {
  return isHandedOff(handoffsOf(ctx), res.key);
}

/** Whether code we cannot see may add route tables, subnets or security groups to the endpoint,
 *  or a hosted zone for it: a Terraform module given the endpoint. CloudFormation has no endpoint
 *  association resources, and a nested stack cannot look up the endpoint's VPC. */
export function endpointHandedOff(ctx: RuleContext, ep: Resource): boolean {
  return ep.format === 'terraform' && handedOff(ctx, ep);
}

/** Whether a module call or nested stack is given VPC `vpc` or something that tells its id. */
export function vpcHandedOff(ctx: RuleContext, vpc: string): boolean {
  const h = handoffsOf(ctx);
  return h.vpcs.has(vpc) || isHandedOff(h, vpc);
}
