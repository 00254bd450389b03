// Private DNS: whether an endpoint has it, service hostnames, the hosted zones that answer for them
// and the VPCs those zones serve.
import type { Resource, Val } from '../model';
import type { RuleContext } from '../rule';
import { boolValue, refKey, str } from './values';
import { lookupTable } from '../collections';

/** Whether an endpoint's private DNS is on: not written means off (both formats' default);
 *  undefined when the value is unknown. */
export function privateDnsEnabled(ep: Resource): boolean | undefined {
  return ep.props.private_dns ? boolValue(ep.props.private_dns) : false;
}

// Hostnames that differ from `<suffix>.<region>.amazonaws.com`: [label before the region, domain after it].
const HOSTS = lookupTable<[label: string, domain: string]>({
  'ecr.api': ['api.ecr', 'amazonaws.com'], 'ecr.dkr': ['dkr.ecr', 'amazonaws.com'],
  'kinesis-streams': ['kinesis', 'amazonaws.com'], 'kinesis-firehose': ['firehose', 'amazonaws.com'],
  'detective': ['api.detective', 'amazonaws.com'], 'eks-auth': ['eks-auth', 'api.aws'],
  'sagemaker.api': ['api.sagemaker', 'amazonaws.com'], 'sagemaker.runtime': ['runtime.sagemaker', 'amazonaws.com'],
});

function hostOf(suffix: string): [label: string, domain: string] {
  return HOSTS[suffix] ?? [suffix, 'amazonaws.com'];
}

/** The default hostname SDKs use for a service: `ssm.eu-west-1.amazonaws.com`. */
export function serviceHostname(suffix: string, region: string | undefined): string {
  const [label, domain] = hostOf(suffix);
  return `${label}.${region ?? '<region>'}.${domain}`;
}

/**
 * Hosted zones that may answer for the service's hostname: named after it (any region, with or
 * without a `*.` wildcard), the region's whole service domain, or a name we cannot resolve. A zone
 * named after the endpoint suffix where the hostname differs (`ecr.api.<region>.amazonaws.com`)
 * answers nothing the SDKs ask for.
 */
export function zonesForService(ctx: RuleContext, suffix: string): Resource[] {
  const [label, domain] = hostOf(suffix);
  const pattern = new RegExp(`^(?:\\*\\.)?(.*?)\\.?([a-z0-9-]+)\\.${domain.replace('.', '\\.')}(?:\\.cn)?$`);
  return ctx.all('hosted_zone').filter((zone) => {
    const name = zoneName(zone.props.name);
    if (name === undefined) return true;
    const m = pattern.exec(name);
    return !!m && /-\d+$/.test(m[2]) && (m[1] === '' || m[1] === label);
  });
}

/** A zone name in lower case without its trailing dot; the deployment region reads as a region. */
function zoneName(val: Val | undefined): string | undefined {
  const s = str(val);
  if (!s) return undefined;
  let name = '';
  for (const p of s.parts) {
    const text = p.text ?? p.value;
    if (text !== undefined) name += text;
    else if (p.isRegion) name += 'region-1';
    else return undefined;
  }
  return name.toLowerCase().replace(/\.$/, '');
}

/** The VPCs a hosted zone is associated with (inline and by association resources); `complete`
 *  is false when some association cannot be resolved. */
export function zoneVpcs(ctx: RuleContext, zone: Resource): { vpcs: string[]; complete: boolean } {
  const vpcs: string[] = [];
  let complete = true;
  const inline = zone.props.vpcs;
  if (inline) {
    if (inline.t !== 'list' || !inline.complete) complete = false;
    for (const item of inline.t === 'list' ? inline.items : [inline]) {
      const key = refKey(item);
      if (key) vpcs.push(key);
      else complete = false;
    }
  }
  for (const assoc of ctx.all('zone_vpc_assoc')) {
    const z = refKey(assoc.props.zone);
    if (z === undefined) { complete = false; continue; }
    if (z !== zone.key) continue;
    const v = refKey(assoc.props.vpc);
    if (v) vpcs.push(v);
    else complete = false;
  }
  return { vpcs, complete };
}
