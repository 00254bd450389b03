// What is known of every endpoint of a scope, and whether a VPC has an endpoint for a service.
import type { Resource } from '../model';
import { groupBy, oncePer } from '../collections';
import type { RuleContext } from '../rule';
import { endpointType, type EndpointType } from './endpoints';
import { vpcKey } from './network';
import { endpointService, serviceSuffix } from './service-names';

export interface EndpointFacts { ep: Resource; vpc?: string; service?: string; type?: EndpointType }

/** What is known of every endpoint in the scope: its VPC, its service suffix (a name that is not
 *  an AWS service counts as known: `other`), its type. */
export function endpointFacts(ctx: RuleContext): readonly EndpointFacts[] {
  return ctx.memo('endpointFacts', (c) => Object.freeze(c.all('endpoint').map(factsOf)));
}

/** Each endpoint's facts, worked out once per resource: an edit changes one endpoint, and the
 *  facts of all of them are asked again. */
const factsOf = oncePer((ep: Resource): EndpointFacts => Object.freeze({
  ep, vpc: vpcKey(ep), service: endpointService(ep) ? serviceSuffix(ep) ?? 'other' : undefined, type: endpointType(ep),
}));

/**
 * Whether VPC `vpc` has an endpoint for one of `services` (of `type` when given): true, false, or
 * undefined when an endpoint whose VPC, service or type is unknown might be it.
 */
export function hasEndpoint(facts: readonly EndpointFacts[], vpc: string, services: string[], type?: EndpointType): boolean | undefined {
  let maybe = false;
  // Only endpoints of this VPC (or of an unknown one) with one of these services (or an unknown
  // one) can decide: the index keeps a rule that asks this per endpoint linear.
  const index = factsIndex(facts);
  /** Whether one of `found` is such an endpoint; notes whether one might be. */
  const decides = (found: readonly EndpointFacts[] | undefined): boolean => {
    for (const f of found ?? []) {
      const vpcOk = f.vpc === undefined ? undefined : f.vpc === vpc;
      const svcOk = f.service === undefined ? undefined : services.includes(f.service);
      const typeOk = type === undefined ? true : f.type === undefined ? undefined : f.type === type;
      if (vpcOk === false || svcOk === false || typeOk === false) continue;
      if (vpcOk && svcOk && typeOk) return true;
      maybe = true;
    }
    return false;
  };
  for (let i = -1; i < services.length; i++) {
    const service = i < 0 ? UNKNOWN : services[i];
    if (decides(index.get(`${vpc}|${service}`)) || decides(index.get(`${UNKNOWN}|${service}`))) return true;
  }
  return maybe ? undefined : false;
}

const UNKNOWN = '\u0000';
const factsIndexes = new WeakMap<readonly EndpointFacts[], Map<string, EndpointFacts[]>>();

/** Facts by `vpc|service`, UNKNOWN standing for an unknown VPC or service. */
function factsIndex(facts: readonly EndpointFacts[]): Map<string, EndpointFacts[]> {
  let index = factsIndexes.get(facts);
  if (!index) factsIndexes.set(facts, index = groupBy(facts, indexKey));
  return index;
}

/** A fact's `vpc|service` key, made once per fact. */
const indexKey = oncePer((f: EndpointFacts) => `${f.vpc ?? UNKNOWN}|${f.service ?? UNKNOWN}`);

const byService = new WeakMap<readonly EndpointFacts[], Map<string, EndpointFacts[]>>();

/** The endpoints whose service suffix is `service`. */
export function endpointsOfService(facts: readonly EndpointFacts[], service: string): readonly EndpointFacts[] {
  let index = byService.get(facts);
  if (!index) byService.set(facts, index = groupBy(facts, (f) => f.service));
  return index.get(service) ?? [];
}
