// VPCE303: a hub VPC's Interface endpoint with private DNS, meant for connected VPCs that have
// neither an endpoint of their own nor a private hosted zone for the service.
import type { Rule, RuleContext } from '../rule';
import { endpointFacts, type EndpointFacts, hasEndpoint } from './endpoint-facts';
import { endpointType } from './endpoints';
import { linkedVpcs, vpcKey } from './network';
import { privateDnsEnabled, serviceHostname, zonesForService, zoneVpcs } from './private-dns';
import { serviceSuffix } from './service-names';
import { vpcHandedOff } from './handoffs';

const SHARED_DNS = /aws_route53profiles_|AWS::Route53Profiles::|aws_route53_resolver_rule|AWS::Route53Resolver::ResolverRule/;

export const rule: Rule = {
  meta: {
    code: 'VPCE303',
    name: 'private-dns-not-shared',
    severity: 'warning',
    formats: ['terraform', 'cloudformation'],
    fixable: false,
    docs: {
      summary: 'Finds hub Interface endpoints whose private DNS cannot serve the peered or transit-gateway-attached VPCs that lack the service.',
      why: 'The private DNS name of an interface endpoint is answered only inside the endpoint\'s own VPC. A VPC connected by '
        + 'peering or a transit gateway still resolves `ssm.eu-west-1.amazonaws.com` to the public addresses, so its '
        + 'workloads go to the internet (or fail) instead of using the hub\'s endpoint. Centralised endpoint designs turn '
        + 'private DNS off and create a private hosted zone named after the service hostname, with an alias record to the '
        + 'endpoint, associated with every spoke VPC.',
      fix: 'None automatic. Create the private hosted zone pattern, for example in Terraform:\n\n'
        + '```hcl\nresource "aws_route53_zone" "ssm" {\n  name = "ssm.eu-west-1.amazonaws.com"\n  vpc { vpc_id = aws_vpc.hub.id }\n'
        + '  vpc { vpc_id = aws_vpc.spoke.id }\n}\n\nresource "aws_route53_record" "ssm" {\n  zone_id = aws_route53_zone.ssm.zone_id\n'
        + '  name    = "ssm.eu-west-1.amazonaws.com"\n  type    = "A"\n  alias {\n    name                   = aws_vpc_endpoint.ssm.dns_entry[0].dns_name\n'
        + '    zone_id                = aws_vpc_endpoint.ssm.dns_entry[0].hosted_zone_id\n    evaluate_target_health = false\n  }\n}\n```\n\n'
        + 'and set `private_dns_enabled = false` on the hub endpoint; or give the spoke VPC an endpoint of its own.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.hub.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n}\n\nresource "aws_vpc_peering_connection" "hub_spoke" {\n  vpc_id      = aws_vpc.hub.id\n  peer_vpc_id = aws_vpc.spoke.id\n}',
          good: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.hub.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = false\n}\n\nresource "aws_route53_zone" "ssm" {\n  name = "ssm.eu-west-1.amazonaws.com"\n  vpc { vpc_id = aws_vpc.hub.id }\n  vpc { vpc_id = aws_vpc.spoke.id }\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref HubVpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\nPeering:\n  Type: AWS::EC2::VPCPeeringConnection\n  Properties:\n    VpcId: !Ref HubVpc\n    PeerVpcId: !Ref SpokeVpc',
          good: 'SsmZone:\n  Type: AWS::Route53::HostedZone\n  Properties:\n    Name: !Sub ssm.${AWS::Region}.amazonaws.com\n    VPCs:\n      - VPCId: !Ref HubVpc\n        VPCRegion: !Ref AWS::Region\n      - VPCId: !Ref SpokeVpc\n        VPCRegion: !Ref AWS::Region',
        },
        {
          format: 'cloudformation-json',
          bad: '"Peering": {"Type": "AWS::EC2::VPCPeeringConnection", "Properties": {"VpcId": {"Ref": "HubVpc"}, "PeerVpcId": {"Ref": "SpokeVpc"}}}',
          good: '"SsmZone": {"Type": "AWS::Route53::HostedZone", "Properties": {"Name": {"Fn::Sub": "ssm.${AWS::Region}.amazonaws.com"}, "VPCs": [{"VPCId": {"Ref": "HubVpc"}, "VPCRegion": {"Ref": "AWS::Region"}}, {"VPCId": {"Ref": "SpokeVpc"}, "VPCRegion": {"Ref": "AWS::Region"}}]}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns',
        'https://docs.aws.amazon.com/whitepapers/latest/building-scalable-secure-multi-vpc-network-infrastructure/centralized-access-to-vpc-private-endpoints.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const hub = vpcKey(ep);
      const suffix = serviceSuffix(ep);
      if (!hub || !suffix || endpointType(ep) !== 'Interface' || privateDnsEnabled(ep) !== true) return;
      // Only a VPC connected to others can be a hub.
      const links = linkedVpcs(ctx, hub);
      if (!links.length) return;
      const zones = zonesForService(ctx, suffix).map((z) => zoneVpcs(ctx, z));
      const facts = endpointFacts(ctx);
      const allServices = servicesOfScope(ctx);
      // A zone we cannot fully place might be associated with the spoke.
      if (zones.some((z) => !z.complete)) return;
      // A spoke counts when it has no endpoint at all (it relies on others) and this VPC is the
      // hub it relies on: of the VPCs connected to it, the only one with this service and the
      // one with the most endpoint services.
      const spokes = links.filter((l) => {
        if (hasEndpoint(facts, l.vpc, allServices) !== false || zones.some((z) => z.vpcs.includes(l.vpc))) return false;
        // A module or nested stack given the spoke may create its endpoints or zones.
        if (vpcHandedOff(ctx, l.vpc)) return false;
        const others = linkedVpcs(ctx, l.vpc).filter((o) => o.vpc !== hub);
        return others.every((o) => hasEndpoint(facts, o.vpc, [suffix, `${suffix}-fips`]) === false
          && servicesIn(facts, o.vpc) < servicesIn(facts, hub));
      });
      if (!spokes.length) return;
      // Route 53 Profiles and Resolver rules share DNS with other VPCs in ways the model does not
      // hold (read last: the whole text is a read of everything).
      if (ctx.scope.files.some((f) => SHARED_DNS.test(f.text))) return;
      const name = (key: string) => `\`${ctx.resource(key)?.displayName ?? key}\``;
      const how = [...new Set(spokes.map((s) => s.how))].join(' or ');
      const host = serviceHostname(suffix, ep.region.value);
      ctx.report({
        loc: ep.props.private_dns!.loc,
        message: `Private DNS of this \`${suffix}\` endpoint answers only inside VPC ${name(hub)}; ${spokes.map((s) => name(s.vpc)).join(', ')} ${spokes.length > 1 ? 'reach' : 'reaches'} it over ${how === 'peering' ? 'peering' : how === 'transit gateway' ? 'a transit gateway' : 'peering or a transit gateway'} but ${spokes.length > 1 ? 'have' : 'has'} no \`${suffix}\` endpoint and no private hosted zone for \`${host}\`.`,
        related: spokes.map((s) => ({ loc: s.via.nameLoc, message: `${s.how} connecting ${name(s.vpc)}` })),
      });
    });
  },
};

/** How many services a VPC has endpoints for. */
function servicesIn(facts: readonly EndpointFacts[], vpc: string): number {
  return new Set(facts.filter((f) => f.vpc === vpc).map((f) => f.service)).size;
}

/** Every service some endpoint of the scope is for ('' for an unknown one). */
function servicesOfScope(ctx: RuleContext): string[] {
  return ctx.memo('VPCE303:services', (c) => [...new Set(endpointFacts(c).map((f) => f.service ?? ''))]);
}
