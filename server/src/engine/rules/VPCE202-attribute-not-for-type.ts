// VPCE202: endpoint attributes that do not exist for the endpoint's type.
import type { Resource, Val } from '../model';
import type { Fix, Rule, RuleContext } from '../rule';
import { describeType, endpointAttribute } from './display-names';
import { endpointType, gatewayUnsupportedService } from './endpoints';
import { fixOf } from './fixes';
import { boolValue } from './values';

/** Interface-only attributes and why a Gateway endpoint cannot have them. */
const NOT_FOR_GATEWAY: [prop: string, reason: string][] = [
  ['subnets', 'gateway endpoints have no network interfaces'],
  ['security_groups', 'gateway endpoints have no network interfaces'],
  ['private_dns', 'gateway endpoints have no DNS names of their own'],
  ['dns_options', 'gateway endpoints have no DNS names of their own'],
];

export const rule: Rule = {
  meta: {
    code: 'VPCE202',
    name: 'attribute-not-for-type',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds endpoint attributes that do not apply to the endpoint\'s type (subnets on a Gateway endpoint, route tables on an Interface endpoint).',
      why: 'A Gateway endpoint is a route in route tables: it has no subnets, security groups, private DNS or DNS options. ' +
        'An Interface endpoint is a set of network interfaces in subnets: it takes no route tables. AWS rejects such requests ' +
        '(`InvalidParameter`). Because the type defaults to `Gateway` when it is not written, subnets on an endpoint without a ' +
        'type usually mean a forgotten `vpc_endpoint_type = "Interface"`.',
      fix: 'Removes the attribute. When the type was left to its default and the attribute belongs to Interface endpoints, ' +
        'the preferred fix sets the type to `Interface` instead.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "s3" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.eu-west-1.s3"\n  vpc_endpoint_type = "Gateway"\n  route_table_ids   = [aws_route_table.private.id]\n  subnet_ids        = [aws_subnet.private.id]\n}',
          good: 'resource "aws_vpc_endpoint" "s3" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.eu-west-1.s3"\n  vpc_endpoint_type = "Gateway"\n  route_table_ids   = [aws_route_table.private.id]\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: "SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm'\n    SubnetIds: [!Ref PrivateSubnetA]\n    RouteTableIds: [!Ref PrivateRouteTable]",
          good: "SsmEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm'\n    SubnetIds: [!Ref PrivateSubnetA]",
        },
        {
          format: 'cloudformation-json',
          bad: '"S3Endpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"},\n    "RouteTableIds": [{"Ref": "PrivateRouteTable"}],\n    "PrivateDnsEnabled": true\n  }\n}',
          good: '"S3Endpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"},\n    "RouteTableIds": [{"Ref": "PrivateRouteTable"}]\n  }\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
        'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpcendpoint.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const type = endpointType(ep);
      if (type === 'Gateway') checkGateway(ctx, ep);
      else if (type === 'Interface' && present(ep.props.route_tables)) {
        report(ctx, ep, 'route_tables', 'Interface',
          'interface endpoints are reached through their network interfaces, not routes', []);
      }
    });
  },
};

function checkGateway(ctx: RuleContext, ep: Resource): void {
  // An interface-only service with the default type is VPCE201's, whose fix makes it Interface.
  if (gatewayUnsupportedService(ep)) return;
  let interfaceOffered = false;
  for (const [prop, reason] of NOT_FOR_GATEWAY) {
    const val = ep.props[prop];
    const wrong = prop === 'private_dns' ? boolValue(val) === true : prop === 'dns_options' ? val !== undefined : present(val);
    if (!wrong) continue;
    // Subnets on an endpoint without a type: most likely a forgotten Interface type. The first
    // finding carries that fix; removing the other attributes would then undo the intent.
    if (interfaceOffered) {
      report(ctx, ep, prop, 'Gateway', reason, undefined);
      continue;
    }
    const extra = ep.defaulted?.includes('type') && !present(ep.props.route_tables)
      ? fixOf('Make it an Interface endpoint', ctx.scope.editor.setProp(ep, 'type', { str: 'Interface' }), { safe: true, preferred: true })
      : [];
    interfaceOffered = extra.length > 0;
    report(ctx, ep, prop, 'Gateway', reason, extra);
  }
}

/** A value that holds something: a non-empty list, or a single known value. */
function present(val: Val | undefined): boolean {
  if (!val || val.t === 'unknown') return false;
  return val.t !== 'list' || val.items.length > 0;
}

/** `extra` undefined: no fixes at all. */
function report(ctx: RuleContext, ep: Resource, prop: string, type: 'Gateway' | 'Interface', reason: string, extra: Fix[] | undefined): void {
  const attribute = endpointAttribute(ep, prop);
  const remove = extra ? fixOf(`Remove \`${attribute}\``, ctx.scope.editor.removeProp(ep, prop), { safe: extra.length === 0, preferred: extra.length === 0 }) : [];
  ctx.report({
    loc: ep.propKeyLocs[prop] ?? ep.props[prop]!.loc,
    message: `\`${attribute}\` on ${describeType(ep, type)}: ${reason}, so AWS rejects it.`,
    fixes: [...(extra ?? []), ...remove],
  });
}
