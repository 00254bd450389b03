// VPCE401: an Interface endpoint for a service with private DNS that does not turn it on.
import type { Rule } from '../rule';
import { attributeName } from './display-names';
import { endpointFacts, endpointsOfService, type EndpointFacts } from './endpoint-facts';
import type { RuleContext } from '../rule';
import { sameItems } from '../collections';
import { endpointType } from './endpoints';
import { fixOf } from './fixes';
import { vpcKey } from './network';
import { privateDnsEnabled, serviceHostname, zonesForService } from './private-dns';
import { endpointService, serviceSuffix } from './service-names';
import { originOf } from './values';
import { endpointHandedOff, vpcHandedOff } from './handoffs';

// S3 and DynamoDB interface endpoints are commonly used through their endpoint-specific names
// (on-premises clients, next to a Gateway endpoint): private DNS off is a design there.
const ENDPOINT_NAMES_BY_DESIGN = new Set(['s3', 'dynamodb']);

export const rule: Rule = {
  meta: {
    code: 'VPCE401',
    name: 'interface-without-private-dns',
    severity: 'warning',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds Interface endpoints for AWS services that support private DNS but do not enable it.',
      why: 'Without private DNS, the service\'s default hostname (`ssm.eu-west-1.amazonaws.com`) keeps resolving to public '
        + 'addresses, so SDKs and agents that use it go through the NAT gateway or internet gateway, or fail in private subnets, '
        + 'and the endpoint is not used. Terraform\'s `private_dns_enabled` and CloudFormation\'s `PrivateDnsEnabled` both default '
        + 'to false. Hub-and-spoke designs that disable private DNS on purpose and answer the hostname with their own private '
        + 'hosted zone are recognised: the rule stays silent when a hosted zone for the service\'s hostname is in the configuration. '
        + 'S3 and DynamoDB are left out: their interface endpoints are typically reached by endpoint-specific names '
        + '(from on-premises, next to a Gateway endpoint that serves the VPC itself).',
      fix: 'Sets `private_dns_enabled = true` (CloudFormation: `PrivateDnsEnabled: true`).',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type = "Interface"\n  subnet_ids        = aws_subnet.private[*].id\n}',
          good: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  subnet_ids          = aws_subnet.private[*].id\n  private_dns_enabled = true\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n    VpcEndpointType: Interface\n    SubnetIds: [!Ref PrivateSubnetA]',
          good: 'SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n    VpcEndpointType: Interface\n    SubnetIds: [!Ref PrivateSubnetA]\n    PrivateDnsEnabled: true',
        },
        {
          format: 'cloudformation-json',
          bad: '"SsmEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"},\n    "VpcEndpointType": "Interface"\n  }\n}',
          good: '"SsmEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"},\n    "VpcEndpointType": "Interface",\n    "PrivateDnsEnabled": true\n  }\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpcendpoint.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      if (endpointType(ep) !== 'Interface') return;
      const svc = endpointService(ep);
      const suffix = serviceSuffix(ep);
      if (!svc || !suffix || svc.parsed.entry?.privateDns !== 'yes' || ENDPOINT_NAMES_BY_DESIGN.has(suffix)) return;
      if (privateDnsEnabled(ep) !== false) return;
      const written = ep.props.private_dns;
      // Centralised endpoints answer the hostname with a private hosted zone of their own.
      if (zonesForService(ctx, suffix).length) return;
      const vpc = vpcKey(ep);
      // A module or nested stack given the VPC or the endpoint may create the private hosted zone.
      if ((vpc !== undefined && vpcHandedOff(ctx, vpc)) || endpointHandedOff(ctx, ep)) return;
      // Only one endpoint per service and VPC can own the private name (VPCE204).
      if (dnsOwners(ctx, suffix).some((f) => f.ep !== ep && (f.vpc === undefined || vpc === undefined || f.vpc === vpc))) return;
      const attr = attributeName(ep, 'private_dns');
      const host = serviceHostname(suffix, svc.parsed.region ?? ep.region.value);
      const why = written ? `sets \`${attr}\` to false` : `does not set \`${attr}\` (it defaults to false)`;
      ctx.report({
        loc: written ? written.loc : ep.nameLoc,
        message: `This \`${suffix}\` Interface endpoint ${why}, so clients using \`${host}\` bypass it.`,
        related: originOf(written) ? [{ loc: originOf(written)!, message: 'The value is set here.' }] : undefined,
        // A value from a variable or parameter would lose that reference: not unattended.
        fixes: () => fixOf(`Set \`${attr}\` to true`, ctx.scope.editor.setProp(ep, 'private_dns', { bool: true }), { safe: !originOf(written), preferred: true }),
      });
    });
  },
};


/** Endpoints of a service that have or may have its private name (not Gateway, private DNS not
 *  off). The same list while an edit elsewhere leaves them the same, so steps that asked stay valid. */
function dnsOwners(ctx: RuleContext, suffix: string): readonly EndpointFacts[] {
  return ctx.memo(`VPCE401:owners:${suffix}`, (c) => endpointsOfService(endpointFacts(c), suffix)
    .filter((f) => f.type !== 'Gateway' && privateDnsEnabled(f.ep) !== false), sameFacts);
}

/** Facts are derived from their endpoint alone: the same endpoints, the same facts. */
function sameFacts(a: readonly EndpointFacts[], b: readonly EndpointFacts[]): boolean {
  return sameItems(a.map((f) => f.ep), b.map((f) => f.ep));
}
