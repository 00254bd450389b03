// VPCE205: an Interface endpoint without subnets, which has no network interface to reach.
import type { Rule } from '../rule';
import { baseName, endpointAttribute } from './display-names';
import { endpointType } from './endpoints';
import { fixOf } from './fixes';
import { byReference, privateSubnetsOf } from './network';
import { attributeWritten } from './source-text';
import { emptyList } from './values';
import { endpointHandedOff } from './handoffs';

export const rule: Rule = {
  meta: {
    code: 'VPCE205',
    name: 'interface-without-subnets',
    severity: 'warning',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    suggestionsOnly: true,
    docs: {
      summary: 'Finds Interface endpoints that are placed in no subnet.',
      why: 'An Interface endpoint is reached through the network interfaces AWS creates in the subnets you give it, one ' +
        'per Availability Zone. With no `subnet_ids` / `SubnetIds` (and no `aws_vpc_endpoint_subnet_association`) the ' +
        'endpoint has no network interface: its DNS names resolve to nothing and every client falls back to the public ' +
        'endpoint or fails.',
      fix: 'Adds the private subnets of the endpoint\'s VPC found in the module (subnets whose route table has no route ' +
        'to an internet gateway), only when all of them are known. Review the list: it is not applied automatically.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n}',
          good: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n  subnet_ids          = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: "SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm'",
          good: "SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm'\n    SubnetIds: [!Ref PrivateSubnetA, !Ref PrivateSubnetB]",
        },
        {
          format: 'cloudformation-json',
          bad: '"SsmEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Interface",\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"},\n    "SubnetIds": []\n  }\n}',
          good: '"SsmEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Interface",\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"},\n    "SubnetIds": [{"Ref": "PrivateSubnetA"}, {"Ref": "PrivateSubnetB"}]\n  }\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html',
      ],
    },
  },
  check(ctx) {
    const assocs = ctx.all('endpoint_subnet_assoc');
    // An association whose endpoint we cannot resolve may be for any endpoint.
    if (assocs.some((a) => !ctx.deref(a.props.endpoint))) return;
    ctx.each('endpoint', (ep) => {
      // A module or nested stack given the endpoint may associate subnets with it.
      if (endpointType(ep) !== 'Interface' || endpointHandedOff(ctx, ep)) return;
      const written = ep.props.subnets;
      if (written && !emptyList(written)) return;
      if (!written && attributeWritten(ctx, ep, endpointAttribute(ep, 'subnets'))) return;
      if (byReference(ctx, 'endpoint_subnet_assoc', 'endpoint').get(ep.key)?.some((a) => ctx.deref(a.props.endpoint) === ep)) return;
      const attribute = endpointAttribute(ep, 'subnets');
      const how = ep.format === 'terraform' ? `no \`${attribute}\` and no \`aws_vpc_endpoint_subnet_association\`` : `no \`${attribute}\``;
      const subnets = privateSubnetsOf(ctx, ep);
      const fixes = () => (subnets
        ? fixOf(`Add the VPC's private subnets (${subnets.map((s) => `\`${s.displayName}\``).join(', ')})`,
          ctx.scope.editor.setProp(ep, 'subnets', { refs: subnets.map((s) => s.key) }), { safe: false, preferred: true })
        : []);
      ctx.report({
        loc: written?.loc ?? ep.nameLoc,
        message: `\`${baseName(ep)}\` is an Interface endpoint in no subnet (${how}): it has no network interface, so nothing can reach it.`,
        fixes,
      });
    });
  },
};
