// VPCE402: private DNS on an endpoint whose VPC has DNS support or DNS hostnames turned off.
import type { Rule } from '../rule';
import { attributeName } from './display-names';
import { endpointType } from './endpoints';
import { fixOf, setProps } from './fixes';
import { privateDnsEnabled } from './private-dns';
import { boolValue, originOf } from './values';

const DNS_PROPS = ['dns_support', 'dns_hostnames'] as const;

export const rule: Rule = {
  meta: {
    code: 'VPCE402',
    name: 'private-dns-requires-vpc-dns',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds endpoints with private DNS in a VPC that has DNS support or DNS hostnames turned off.',
      why: 'Private DNS for an interface endpoint needs both VPC attributes `enableDnsSupport` and `enableDnsHostnames`; '
        + 'otherwise creating the endpoint fails. Terraform\'s `aws_vpc` defaults `enable_dns_support` to true but '
        + '`enable_dns_hostnames` to false, and CloudFormation\'s `EnableDnsHostnames` is false unless set, so a VPC that '
        + 'does not set hostnames explicitly cannot host an endpoint with private DNS.',
      fix: 'Sets `enable_dns_support` and `enable_dns_hostnames` to true on the VPC (CloudFormation: `EnableDnsSupport`, '
        + '`EnableDnsHostnames`), which may be in another file of the module.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n\nresource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n}',
          good: 'resource "aws_vpc" "main" {\n  cidr_block           = "10.0.0.0/16"\n  enable_dns_support   = true\n  enable_dns_hostnames = true\n}\n\nresource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'Vpc:\n  Type: AWS::EC2::VPC\n  Properties:\n    CidrBlock: 10.0.0.0/16\nSsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true',
          good: 'Vpc:\n  Type: AWS::EC2::VPC\n  Properties:\n    CidrBlock: 10.0.0.0/16\n    EnableDnsSupport: true\n    EnableDnsHostnames: true\nSsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true',
        },
        {
          format: 'cloudformation-json',
          bad: '"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}}',
          good: '"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16", "EnableDnsSupport": true, "EnableDnsHostnames": true}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns',
        'https://docs.aws.amazon.com/vpc/latest/userguide/AmazonDNS-concepts.html#vpc-dns-support',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      if (endpointType(ep) === 'Gateway' || privateDnsEnabled(ep) !== true) return;
      const vpc = ctx.deref(ep.props.vpc);
      if (vpc?.kind !== 'vpc') return;
      const off = DNS_PROPS.filter((p) => boolValue(vpc.props[p]) === false);
      if (!off.length) return;
      const describe = (p: string) => `\`${attributeName(vpc, p)}\` ${vpc.defaulted?.includes(p) ? 'unset (it defaults to false)' : 'set to false'}`;
      // Both are set unless written as true already; a value we cannot resolve is left alone.
      const toSet = DNS_PROPS.filter((p) => vpc.defaulted?.includes(p) || boolValue(vpc.props[p]) === false);
      const title = `Set ${toSet.map((p) => `\`${attributeName(vpc, p)}\``).join(' and ')} to true on \`${vpc.displayName}\``;
      // A value from a variable or parameter would lose that reference: not unattended.
      const fixes = () => fixOf(title, setProps(ctx.scope, vpc, toSet.map((p) => [p, { bool: true }])), { safe: !toSet.some((p) => originOf(vpc.props[p])), preferred: true });
      ctx.report({
        loc: ep.props.private_dns!.loc,
        message: `Private DNS is enabled, but VPC \`${vpc.displayName}\` has ${off.map(describe).join(' and ')}: the endpoint cannot be created with private DNS.`,
        related: off.map((p) => ({ loc: vpc.defaulted?.includes(p) ? vpc.nameLoc : vpc.props[p]!.loc, message: `\`${attributeName(vpc, p)}\` of \`${vpc.displayName}\`` })),
        fixes,
      });
    });
  },
};
