// VPCE203: a Gateway endpoint associated with no route table, which no traffic can use.
import type { Rule } from '../rule';
import { baseName, describeType, endpointAttribute } from './display-names';
import { endpointType, gatewayUnsupportedService } from './endpoints';
import { fixOf } from './fixes';
import { allInVpc, byReference } from './network';
import { attributeWritten } from './source-text';
import { emptyList } from './values';
import { endpointHandedOff } from './handoffs';

export const rule: Rule = {
  meta: {
    code: 'VPCE203',
    name: 'gateway-without-route-tables',
    severity: 'warning',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    suggestionsOnly: true,
    docs: {
      summary: 'Finds Gateway endpoints that are associated with no route table.',
      why: 'A Gateway endpoint works only through the routes it adds to the route tables it is associated with (a route ' +
        'to the service\'s prefix list). Without `route_table_ids` / `RouteTableIds` or an ' +
        '`aws_vpc_endpoint_route_table_association`, the endpoint exists but no subnet routes traffic to it: S3 or ' +
        'DynamoDB requests keep going through the NAT gateway or internet gateway, or fail in isolated subnets.',
      fix: 'Adds the route tables of the endpoint\'s VPC found in the module (only when all of them are known). Review ' +
        'the list: it is not applied automatically.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.eu-west-1.s3"\n}',
          good: 'resource "aws_vpc_endpoint" "s3" {\n  vpc_id          = aws_vpc.main.id\n  service_name    = "com.amazonaws.eu-west-1.s3"\n  route_table_ids = [aws_route_table.private.id]\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: "S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.s3'",
          good: "S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.s3'\n    RouteTableIds:\n      - !Ref PrivateRouteTable",
        },
        {
          format: 'cloudformation-json',
          bad: '"DynamoDbEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.dynamodb"}\n  }\n}',
          good: '"DynamoDbEndpoint": {\n  "Type": "AWS::EC2::VPCEndpoint",\n  "Properties": {\n    "VpcId": {"Ref": "Vpc"},\n    "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.dynamodb"},\n    "RouteTableIds": [{"Ref": "PrivateRouteTable"}]\n  }\n}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html',
      ],
    },
  },
  check(ctx) {
    const assocs = ctx.all('endpoint_rt_assoc');
    // An association whose endpoint we cannot resolve may be for any endpoint.
    if (assocs.some((a) => !ctx.deref(a.props.endpoint))) return;
    ctx.each('endpoint', (ep) => {
      // A module or nested stack given the endpoint may associate route tables with it.
      if (endpointType(ep) !== 'Gateway' || gatewayUnsupportedService(ep) || endpointHandedOff(ctx, ep)) return;
      const written = ep.props.route_tables;
      if (written && !emptyList(written)) return;
      if (!written && attributeWritten(ctx, ep, endpointAttribute(ep, 'route_tables'))) return;
      if (byReference(ctx, 'endpoint_rt_assoc', 'endpoint').get(ep.key)?.some((a) => ctx.deref(a.props.endpoint) === ep)) return;
      const attribute = endpointAttribute(ep, 'route_tables');
      const how = ep.format === 'terraform' ? `no \`${attribute}\` and no \`aws_vpc_endpoint_route_table_association\`` : `no \`${attribute}\``;
      const tables = allInVpc(ctx, ep, 'route_table');
      const fixes = () => (tables?.length
        ? fixOf(`Add the VPC's route tables (${tables.map((t) => `\`${t.displayName}\``).join(', ')})`,
          ctx.scope.editor.setProp(ep, 'route_tables', { refs: tables.map((t) => t.key) }), { safe: false, preferred: true })
        : []);
      ctx.report({
        loc: written?.loc ?? ep.nameLoc,
        message: `\`${baseName(ep)}\` is ${describeType(ep, 'Gateway')} with no route tables (${how}): no traffic uses it.`,
        fixes,
      });
    });
  },
};
