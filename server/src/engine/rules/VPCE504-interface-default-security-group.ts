// VPCE504: an Interface endpoint that names no security group gets the VPC's default group.
import type { Rule } from '../rule';
import { attributeName } from './display-names';
import { endpointType } from './endpoints';
import { byReference } from './network';
import { refKey } from './values';
import { endpointHandedOff } from './handoffs';

export const rule: Rule = {
  meta: {
    code: 'VPCE504',
    name: 'interface-default-security-group',
    severity: 'info',
    formats: ['terraform', 'cloudformation'],
    fixable: false,
    docs: {
      summary: 'Finds Interface endpoints that name no security group, so the VPC\'s default security group applies.',
      why: 'An interface endpoint without `security_group_ids` (CloudFormation `SecurityGroupIds`) gets the VPC\'s default '
        + 'security group. What that group admits is decided elsewhere, often "all traffic from members of the group" only, so '
        + 'clients in other groups cannot reach the endpoint, or it admits more than intended. A dedicated group that admits '
        + 'HTTPS from the VPC makes the endpoint\'s access explicit.',
      fix: 'None: which clients should reach the endpoint is a decision to make; create a security group that admits TCP 443 from them.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  subnet_ids          = aws_subnet.private[*].id\n  private_dns_enabled = true\n}',
          good: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  subnet_ids          = aws_subnet.private[*].id\n  security_group_ids  = [aws_security_group.endpoints.id]\n  private_dns_enabled = true\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n    VpcEndpointType: Interface\n    SubnetIds: [!Ref PrivateSubnetA]',
          good: 'SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n    VpcEndpointType: Interface\n    SubnetIds: [!Ref PrivateSubnetA]\n    SecurityGroupIds: [!Ref EndpointSecurityGroup]',
        },
        {
          format: 'cloudformation-json',
          bad: '"SsmEndpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}, "VpcEndpointType": "Interface"}}',
          good: '"SsmEndpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}, "VpcEndpointType": "Interface", "SecurityGroupIds": [{"Ref": "EndpointSecurityGroup"}]}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html',
        'https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html',
      ],
    },
  },
  check(ctx) {
    const assocs = ctx.all('endpoint_sg_assoc');
    // An association whose endpoint cannot be resolved may be the one that gives a group.
    if (assocs.some((a) => refKey(a.props.endpoint) === undefined)) return;
    ctx.each('endpoint', (ep) => {
      if (endpointType(ep) !== 'Interface' || ep.props.security_groups) return;
      // A module or nested stack given the endpoint may associate groups with it.
      if (byReference(ctx, 'endpoint_sg_assoc', 'endpoint').has(ep.key) || endpointHandedOff(ctx, ep)) return;
      ctx.report({
        loc: ep.nameLoc,
        message: `This Interface endpoint sets no \`${attributeName(ep, 'security_groups')}\`, so the VPC's default security group applies to it.`,
      });
    });
  },
};
