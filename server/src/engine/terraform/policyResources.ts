// Resources that hold a policy document and nothing the model maps: IAM policies (identity),
// Organizations SCPs and RCPs, resource policies of queues, topics, keys, secrets and REST APIs,
// and aws_vpc_endpoint_policy, whose document belongs to an endpoint.
import type { Policy, PolicyKind, Resource, Val } from '../model';
import { attrOf, blocksOf, type Attribute, type Block } from './ast';
import type { Instance } from './expand';
import type { Extractor } from './extract';
import { IDENTITY_POLICY_TYPES, RESOURCE_POLICY_TYPES } from './mapping';
import { at, isNull } from './vals';

/** An aws_vpc_endpoint_policy document and the endpoint it names, attached once all resources
 *  are known. */
export interface EndpointPolicy { policy: Policy; endpoint?: Val }

export function holdsPolicy(type: string): boolean {
  return type in IDENTITY_POLICY_TYPES || type in RESOURCE_POLICY_TYPES || type === 'aws_iam_role' || type === 'aws_organizations_policy' || type === 'aws_vpc_endpoint_policy';
}

/** Organizations policy types written in the IAM policy language; the default is an SCP. */
const ORGANIZATIONS_KINDS = new Map<string, PolicyKind>([['SERVICE_CONTROL_POLICY', 'identity'], ['RESOURCE_CONTROL_POLICY', 'resource']]);

/** The scope policies a resource holds; endpoint policies go to `endpointPolicies`. */
export function policiesOf(x: Extractor, type: string, block: Block, inst: Instance, endpointPolicies: EndpointPolicy[]): Policy[] {
  const read = (a: Attribute | undefined, kind: PolicyKind): Policy[] => {
    const policy = a && x.policies.fromValue(x.ev.eval(a.value, inst.env), kind, inst.key);
    return policy ? [policy] : [];
  };
  if (type in IDENTITY_POLICY_TYPES) return read(attrOf(block, IDENTITY_POLICY_TYPES[type]), 'identity');
  if (type in RESOURCE_POLICY_TYPES) return read(attrOf(block, RESOURCE_POLICY_TYPES[type]), 'resource');
  if (type === 'aws_iam_role') return blocksOf(block, 'inline_policy').flatMap((b) => read(attrOf(b, 'policy'), 'identity'));
  if (type === 'aws_organizations_policy') {
    const typeAttr = attrOf(block, 'type');
    const written = typeAttr && x.ev.eval(typeAttr.value, inst.env);
    const name = written === undefined || isNull(written) ? 'SERVICE_CONTROL_POLICY' : written.t === 'str' ? written.v : undefined;
    // Tag, backup and other policy types are not IAM documents; an unknown type is judged by name.
    const kind = name === undefined ? 'standalone' : ORGANIZATIONS_KINDS.get(name);
    return kind ? read(attrOf(block, 'content'), kind) : [];
  }
  if (type !== 'aws_vpc_endpoint_policy') return [];
  const endpointAttr = attrOf(block, 'vpc_endpoint_id');
  const endpoint = endpointAttr && x.ev.eval(endpointAttr.value, inst.env);
  // A document we cannot read still means the endpoint has a policy: one unreadable statement.
  const policy = read(attrOf(block, 'policy'), 'endpoint')[0] ?? {
    kind: 'endpoint', owner: inst.key, loc: at(inst.env.file, block.range), syntax: 'json',
    statements: [{ loc: at(inst.env.file, block.range), actions: [], resources: [], conditions: [], complete: false }],
  };
  endpointPolicies.push({ policy, endpoint });
  return [];
}

/**
 * Puts endpoint policies on the endpoints they name (owner = endpoint key) and returns the rest:
 * an endpoint policy whose endpoint is not a resource of this module stays a scope policy of kind
 * `endpoint` (some endpoint has it, which one is not known). Endpoints and policies may be shared
 * with an earlier build of the module, so the endpoint is replaced (in `resources` and `byKey`)
 * by a copy that holds a copy of the policy.
 */
export function attachEndpointPolicies(endpointPolicies: EndpointPolicy[], resources: Resource[], byKey: Map<string, Resource>): Policy[] {
  const out: Policy[] = [];
  for (const { policy, endpoint } of endpointPolicies) {
    const target = endpoint?.t === 'ref' ? byKey.get(endpoint.target) : undefined;
    if (target?.kind === 'endpoint') {
      const copy: Resource = { ...target, policies: [...target.policies ?? [], { ...policy, owner: target.key }] };
      resources[resources.indexOf(target)] = copy;
      byKey.set(copy.key, copy);
    } else out.push(policy);
  }
  return out;
}
