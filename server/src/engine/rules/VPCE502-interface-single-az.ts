// VPCE502: an Interface endpoint in fewer Availability Zones than the subnets of its VPC.
import type { NewValue, Resource } from '../model';
import type { Fix, Rule, RuleContext } from '../rule';
import { attributeName } from './display-names';
import { endpointType } from './endpoints';
import { fixOf } from './fixes';
import { byReference, referrers, vpcKey } from './network';
import { sameRange, sourceText } from './source-text';
import { refKey, strValue } from './values';
import { zoneOf, zonesOf, type Zone } from './zones';
import { endpointHandedOff } from './handoffs';

export const rule: Rule = {
  meta: {
    code: 'VPCE502',
    name: 'interface-single-az',
    severity: 'warning',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    suggestionsOnly: true,
    docs: {
      summary: 'Finds Interface endpoints whose subnets cover fewer Availability Zones than the subnets of their VPC.',
      why: 'An interface endpoint has one network interface per subnet it is given, and with private DNS clients resolve the '
        + 'service name to those interfaces. When the endpoint lives in fewer Availability Zones than the workloads that use '
        + 'it, an outage of one zone cuts every other zone off the service, and traffic crossing zones is billed.',
      fix: 'Adds a subnet of the VPC in each missing Availability Zone to the endpoint\'s subnets (to review: it picks the '
        + 'first such subnet, preferring private ones).',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type = "Interface"\n  subnet_ids        = [aws_subnet.private_a.id]\n}',
          good: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type = "Interface"\n  subnet_ids        = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n    VpcEndpointType: Interface\n    SubnetIds: [!Ref PrivateSubnetA]',
          good: 'SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n    VpcEndpointType: Interface\n    SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]',
        },
        {
          format: 'cloudformation-json',
          bad: '"SubnetIds": [{"Ref": "PrivateSubnetA"}]',
          good: '"SubnetIds": [{"Ref": "PrivateSubnetA"}, {"Ref": "PrivateSubnetB"}]',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/interface-endpoints.html#interface-endpoint-availability-zones',
        'https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html',
      ],
    },
  },
  check(ctx) {
    const subnets = ctx.all('subnet');
    const assocs = ctx.all('endpoint_subnet_assoc');
    if (assocs.some((a) => refKey(a.props.endpoint) === undefined)) return;
    const unplaced = subnets.some((s) => vpcKey(s) === undefined);
    ctx.each('endpoint', (ep) => {
      const vpc = vpcKey(ep);
      // A module or nested stack given the endpoint may associate more subnets with it.
      if (endpointType(ep) !== 'Interface' || !vpc || !ep.props.subnets || endpointHandedOff(ctx, ep)) return;
      const own = ctx.derefAll(ep.props.subnets);
      const extra = (byReference(ctx, 'endpoint_subnet_assoc', 'endpoint').get(ep.key) ?? []).map((a) => ctx.deref(a.props.subnet));
      if (!own || extra.includes(undefined)) return;
      const mine = [...own, ...(extra as Resource[])];
      // Subnets of the VPC: every one must be placed (a subnet of unknown VPC may be in it).
      if (unplaced) return;
      const { inVpc, vpcAzs } = clientSubnets(ctx, vpc);
      const myAzs = zonesOf(mine);
      // Zone names and zone ids (or GetAZs indexes) of one VPC cannot be compared.
      if (!mine.length || !myAzs || !vpcAzs || !zonesOf([...mine, ...inVpc])) return;
      const missing = [...vpcAzs.values()].filter((az) => !myAzs.has(az.key)).sort(byLabel);
      if (!missing.length) return;
      const list = (azs: Iterable<Zone>) => [...azs].sort(byLabel).map((az) => `\`${az.label}\``).join(', ');
      const picks = missing.map((az) => pickSubnet(inVpc.filter((s) => zoneOf(s)?.key === az.key)));
      const vpcName = ctx.resource(vpc)?.displayName ?? vpc;
      ctx.report({
        loc: ep.props.subnets.loc,
        message: `This endpoint's subnets cover ${count(myAzs.size)} (${list(myAzs.values())}), but VPC \`${vpcName}\` has subnets in ${vpcAzs.size}: with no network interface in ${list(missing)}, clients there depend on another zone staying up.`,
        related: picks.map((s) => ({ loc: s.nameLoc, message: `subnet \`${s.displayName}\` in \`${zoneOf(s)!.label}\`` })),
        fixes: () => addSubnetsFix(ctx, ep, picks),
      });
    });
  },
};

/** The subnets of a VPC that clients may run in, and their zones. Many endpoints share a VPC: worked
 *  out once per VPC. (A module-level function: a memo's compute function must not hold a context.) */
function clientSubnets(ctx: RuleContext, vpc: string): { inVpc: Resource[]; vpcAzs: Map<string, Zone> | undefined } {
  return ctx.memo(`VPCE502:clientSubnets:${vpc}`, (c) => {
    const inVpc = referrers(c, 'subnet', 'vpc', vpc).filter((s) => !idlePublicSubnet(c, s));
    return { inVpc, vpcAzs: zonesOf(inVpc) };
  });
}

/** A subnet routed to an internet gateway that no workload of the configuration runs in: it holds
 *  NAT gateways and load balancers, which are no clients of the endpoint. */
function idlePublicSubnet(ctx: RuleContext, subnet: Resource): boolean {
  const tables = referrers(ctx, 'subnet_rt_assoc', 'subnet', subnet.key).map((a) => ctx.deref(a.props.route_table));
  if (tables.length !== 1 || tables[0]?.kind !== 'route_table') return false;
  const table = tables[0];
  const routes = [...referrers(ctx, 'route', 'route_table', table.key)];
  if (!routes.some((r) => strValue(r.props.target_kind) === 'igw')) return false;
  return !ctx.all('workload').some((w) => {
    const used = w.props.subnets;
    return used?.t !== 'list' || !used.complete || used.items.some((i) => i.t !== 'ref' || i.target === subnet.key);
  });
}

function count(n: number): string {
  return n === 1 ? '1 Availability Zone' : `${n} Availability Zones`;
}

function byLabel(a: Zone, b: Zone): number {
  return a.label < b.label ? -1 : a.label > b.label ? 1 : 0;
}

/** A private subnet when the names tell, else the first. */
function pickSubnet(candidates: Resource[]): Resource {
  return candidates.find((s) => /private|app|workload/i.test(s.key)) ?? candidates[0];
}

/** Appends the picked subnets to a subnet list written item by item. */
function addSubnetsFix(ctx: RuleContext, ep: Resource, picks: Resource[]): Fix[] {
  const list = ep.props.subnets;
  if (ep.instance !== undefined || list?.t !== 'list') return [];
  // Items of a splat or `for` expression (`aws_subnet.private[*].id`) are not written one by one.
  if (ep.format === 'terraform' && !/^\[(?!\s*for\b)/.test(sourceText(ctx.scope, list.loc) ?? '')) return [];
  const items: NewValue[] = [];
  for (const item of list.items) {
    // Items of a splat or a for expression share the list's location: not copyable one by one.
    if (sameRange(item.loc, list.loc)) return [];
    const text = sourceText(ctx.scope, item.loc);
    if (text === undefined) return [];
    items.push({ raw: text });
  }
  for (const s of picks) items.push({ refs: [s.key] });
  const title = `Add ${picks.map((s) => `\`${s.displayName}\``).join(', ')} to \`${attributeName(ep, 'subnets')}\``;
  return fixOf(title, ctx.scope.editor.setProp(ep, 'subnets', { list: items }), { safe: false, preferred: true });
}

