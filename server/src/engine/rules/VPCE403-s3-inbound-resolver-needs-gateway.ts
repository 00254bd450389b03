// VPCE403: S3 interface endpoint with "private DNS only for inbound Resolver endpoint" and no
// S3 Gateway endpoint in its VPC; also DNS options on a Gateway endpoint.
import type { NewValue, Resource } from '../model';
import type { Fix, RuleContext, Rule } from '../rule';
import { attributeName } from './display-names';
import { endpointFacts, hasEndpoint } from './endpoint-facts';
import { endpointType } from './endpoints';
import { fixOf, newResourceName } from './fixes';
import { routeTablesOf, vpcKey } from './network';
import { privateDnsEnabled } from './private-dns';
import { serviceSuffix } from './service-names';
import { sourceText } from './source-text';
import { boolValue } from './values';
import { vpcHandedOff } from './handoffs';

export const rule: Rule = {
  meta: {
    code: 'VPCE403',
    name: 's3-inbound-resolver-needs-gateway',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    suggestionsOnly: true,
    docs: {
      summary: 'Finds S3 Interface endpoints that limit private DNS to inbound Resolver endpoints in a VPC without an S3 Gateway endpoint.',
      why: 'With `private_dns_only_for_inbound_resolver_endpoint` (CloudFormation `DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint: '
        + 'OnlyInboundResolver`), the S3 interface endpoint answers only queries from on-premises through a Route 53 inbound '
        + 'Resolver endpoint, while resources inside the VPC keep using the S3 Gateway endpoint. AWS therefore rejects the '
        + 'setting unless the VPC has a Gateway endpoint for S3. DNS options do not exist on Gateway endpoints at all.',
      fix: 'Inserts an S3 Gateway endpoint in the same VPC, associated with the VPC\'s route tables found in the configuration; '
        + 'add a dependency on it (`depends_on`, `DependsOn`) so that it is created first. '
        + 'For DNS options on a Gateway endpoint there is no fix here (VPCE202 removes them).',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "s3_interface" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.s3"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n  dns_options {\n    private_dns_only_for_inbound_resolver_endpoint = true\n  }\n}',
          good: 'resource "aws_vpc_endpoint" "s3_gateway" {\n  vpc_id          = aws_vpc.main.id\n  service_name    = "com.amazonaws.eu-west-1.s3"\n  route_table_ids = [aws_route_table.private.id]\n}\n\nresource "aws_vpc_endpoint" "s3_interface" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.s3"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n  dns_options {\n    private_dns_only_for_inbound_resolver_endpoint = true\n  }\n  depends_on = [aws_vpc_endpoint.s3_gateway]\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'S3Interface:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\n    DnsOptions:\n      PrivateDnsOnlyForInboundResolverEndpoint: OnlyInboundResolver',
          good: 'S3Gateway:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    RouteTableIds: [!Ref PrivateRouteTable]\nS3Interface:\n  Type: AWS::EC2::VPCEndpoint\n  DependsOn: S3Gateway\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\n    DnsOptions:\n      PrivateDnsOnlyForInboundResolverEndpoint: OnlyInboundResolver',
        },
        {
          format: 'cloudformation-json',
          bad: '"S3Interface": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"}, "VpcEndpointType": "Interface", "PrivateDnsEnabled": true, "DnsOptions": {"PrivateDnsOnlyForInboundResolverEndpoint": "OnlyInboundResolver"}}}',
          good: '"S3Gateway": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"}, "RouteTableIds": [{"Ref": "PrivateRouteTable"}]}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/privatelink-interface-endpoints.html#private-dns',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-vpcendpoint-dnsoptionsspecification.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const type = endpointType(ep);
      if (type === 'Gateway' && ep.props.dns_options && !ep.defaulted?.includes('type')) {
        ctx.report({
          loc: ep.propKeyLocs.dns_options ?? ep.props.dns_options.loc,
          message: `\`${attributeName(ep, 'dns_options')}\` on a Gateway endpoint: DNS options apply only to Interface endpoints.`,
        });
        return;
      }
      if (type !== 'Interface' || serviceSuffix(ep) !== 's3') return;
      const inbound = ep.props.inbound_resolver_only;
      if (boolValue(inbound) !== true || privateDnsEnabled(ep) !== true) return;
      const vpc = vpcKey(ep);
      // A module or nested stack given the VPC may create the Gateway endpoint.
      if (!vpc || hasEndpoint(endpointFacts(ctx), vpc, ['s3'], 'Gateway') !== false || vpcHandedOff(ctx, vpc)) return;
      const vpcRes = ctx.resource(vpc);
      const vpcName = vpcRes?.displayName ?? vpc;
      ctx.report({
        loc: inbound!.loc,
        message: `\`${attributeName(ep, 'inbound_resolver_only')}\` needs an S3 Gateway endpoint in the same VPC, and VPC \`${vpcName}\` has none: AWS rejects this endpoint.`,
        related: vpcRes ? [{ loc: vpcRes.nameLoc, message: `VPC \`${vpcName}\`` }] : [],
        fixes: () => gatewayFix(ctx, ep, vpc),
      });
    });
  },
};

/** Inserts an S3 Gateway endpoint beside `ep`, with the VPC's route tables when they are known. */
function gatewayFix(ctx: RuleContext, ep: Resource, vpc: string): Fix[] {
  if (ep.instance !== undefined) return []; // copied expressions may use count.index / each
  const name = sourceText(ctx.scope, ep.props.service_name!.loc);
  const vpcText = sourceText(ctx.scope, ep.props.vpc!.loc);
  if (name === undefined || vpcText === undefined) return [];
  const props: Record<string, NewValue> = { service_name: { raw: name }, type: { str: 'Gateway' }, vpc: { raw: vpcText } };
  const tables = routeTablesOf(ctx, vpc);
  if (tables.length) props.route_tables = { refs: tables.map((t) => t.key) };
  const edits = ctx.scope.editor.insertResource(ep, { kind: 'endpoint', name: newResourceName(ctx.scope, 's3 gateway'), props });
  // Not applied unattended: the interface endpoint must also depend on the new one (created first).
  return fixOf('Insert an S3 Gateway endpoint in this VPC', edits, { safe: false, preferred: true });
}

