// VPCE201: a Gateway endpoint (often by default) for a service that has only Interface endpoints.
import type { NewValue, Resource } from '../model';
import type { Rule, RuleContext } from '../rule';
import { describeType, endpointAttribute } from './display-names';
import { gatewayUnsupportedService } from './endpoints';
import { fixOf, setProps } from './fixes';
import { endpointService } from './service-names';
import { originOf } from './values';

export const rule: Rule = {
  meta: {
    code: 'VPCE201',
    name: 'gateway-type-unsupported',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds Gateway endpoints for services that only offer Interface endpoints.',
      why: 'Only `s3`, `dynamodb` (and `s3express`) have Gateway endpoints; every other service, and every endpoint service ' +
        'of your own, is reached through an Interface endpoint. Terraform\'s `vpc_endpoint_type` and CloudFormation\'s ' +
        '`VpcEndpointType` default to `Gateway`, so leaving the type out for `ssm`, `ecr.api` or `sts` creates a request ' +
        'AWS rejects (`InvalidParameter: ... service does not support Gateway endpoints`).',
      fix: 'Sets the type to `Interface` and, for services with private DNS, enables it.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.eu-west-1.ssm"\n  subnet_ids   = aws_subnet.private[*].id\n}',
          good: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  subnet_ids          = aws_subnet.private[*].id\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: "SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm'",
          good: "SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm'\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true",
        },
        {
          format: 'cloudformation-json',
          bad: '"SsmEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Gateway",\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}\n  }\n}',
          good: '"SsmEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "VpcEndpointType": "Interface",\n    "PrivateDnsEnabled": true,\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}\n  }\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const service = gatewayUnsupportedService(ep);
      if (!service) return;
      const defaulted = ep.defaulted?.includes('type');
      const type = ep.props.type;
      const customer = endpointService(ep)?.parsed.kind === 'customer';
      ctx.report({
        loc: defaulted || !type ? ep.nameLoc : type.loc,
        message: customer
          ? `\`${service}\` is an endpoint service of your own or a partner's, reached through Interface or GatewayLoadBalancer endpoints, but this is ${describeType(ep, 'Gateway')}.`
          : `\`${service}\` only has Interface endpoints, but this is ${describeType(ep, 'Gateway')}; Gateway endpoints exist only for \`s3\` and \`dynamodb\`.`,
        fixes: () => fixes(ctx, ep, customer),
      });
    });
  },
};

function fixes(ctx: RuleContext, ep: Resource, customer: boolean) {
  const wantsDns = endpointService(ep)?.parsed.entry?.privateDns === 'yes' && !ep.props.private_dns;
  const values: [string, NewValue][] = [['type', { str: 'Interface' }], ...(wantsDns ? [['private_dns', { bool: true }] as [string, NewValue]] : [])];
  const edits = setProps(ctx.scope, ep, values);
  const title = wantsDns ? `Make it an Interface endpoint with private DNS (\`${endpointAttribute(ep, 'private_dns')}\`)` : 'Make it an Interface endpoint';
  // Your own services may be GatewayLoadBalancer services: then Interface is a guess.
  // A type from a variable or parameter would lose that reference: not unattended.
  return fixOf(title, edits, { safe: !customer && !originOf(ep.props.type), preferred: true });
}
