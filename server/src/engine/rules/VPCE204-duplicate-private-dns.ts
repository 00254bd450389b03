// VPCE204: two Interface endpoints for one service in one VPC both with private DNS.
import type { Resource } from '../model';
import type { Rule, RuleContext } from '../rule';
import { baseName, endpointAttribute } from './display-names';
import { endpointType } from './endpoints';
import { fixOf } from './fixes';
import { vpcIdentity } from './network';
import { endpointService } from './service-names';
import { attributeWritten } from './source-text';
import { boolValue, originOf } from './values';
import { oncePer } from '../collections';

export const rule: Rule = {
  meta: {
    code: 'VPCE204',
    name: 'duplicate-private-dns',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds two Interface endpoints for the same service in the same VPC that both enable private DNS.',
      why: 'Private DNS makes the service\'s default hostname (`ssm.eu-west-1.amazonaws.com`) resolve to the endpoint ' +
        'through a private hosted zone that AWS manages for the VPC. A VPC can have only one such zone per hostname, so the ' +
        'second endpoint with private DNS for the same service fails to create (`private-dns-enabled cannot be set because ' +
        'there is already a conflicting DNS domain`). In CloudFormation, endpoints under different `Condition`s are not ' +
        'reported, since they may never exist together.',
      fix: 'Disables private DNS on the second endpoint.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n}\n\nresource "aws_vpc_endpoint" "ssm_ops" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n}',
          good: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: "SsmA:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm'\nSsmB:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm'",
          good: "SsmA:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm'\nSsmB:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: false\n    ServiceName: !Sub 'com.amazonaws.${AWS::Region}.ssm'",
        },
        {
          format: 'cloudformation-json',
          bad: '"SsmA": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "VpcEndpointType": "Interface",\n  "PrivateDnsEnabled": true, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}}},\n"SsmB": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "VpcEndpointType": "Interface",\n  "PrivateDnsEnabled": true, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}}}',
          good: '"SsmA": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "VpcEndpointType": "Interface",\n  "PrivateDnsEnabled": true, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}}},\n"SsmB": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "VpcEndpointType": "Interface",\n  "PrivateDnsEnabled": false, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html#interface-endpoint-private-dns',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const dns = ep.props.private_dns;
      const key = candidate(ep);
      if (!key || !dns) return;
      const earlier = firstWith(ctx, key.id);
      if (!earlier || earlier === ep) return;
      // Different CloudFormation conditions may exclude each other: stay silent.
      if (earlier.condition && ep.condition && earlier.condition !== ep.condition) return;
      // Likewise Terraform resources whose `count`/`for_each` is unknown (`var.shared ? 0 : 1`).
      if (conditional(ctx, earlier) && conditional(ctx, ep)) return;
      const sameBlock = ep.instance !== undefined && earlier.instance !== undefined && baseName(ep) === baseName(earlier);
      const attribute = endpointAttribute(ep, 'private_dns');
      const message = sameBlock
        ? `Private DNS for \`${key.name}\` is enabled on every instance of \`${baseName(ep)}\`, all in the same VPC: only one endpoint per service can have private DNS in a VPC, so the others fail to create.`
        : `Private DNS for \`${key.name}\` is already enabled on \`${baseName(earlier)}\` in the same VPC: only one endpoint per service can have private DNS in a VPC, so this one fails to create.`;
      ctx.report({
        loc: dns.loc,
        message,
        related: earlier.props.private_dns ? [{ loc: earlier.props.private_dns.loc, message: `Private DNS is enabled on \`${earlier.displayName}\` here.` }] : [],
        // Instances share their source: turning it off there would turn it off for all of them.
        fixes: () => (sameBlock ? [] : fixOf(`Set \`${attribute}\` to false`, ctx.scope.editor.setProp(ep, 'private_dns', { bool: false }), { safe: !originOf(dns), preferred: true })),
      });
    });
  },
};

/** An Interface endpoint with private DNS on, as its service-in-VPC identity. Once per resource:
 *  every lint asks it of every endpoint. */
const candidate = oncePer((ep: Resource): { id: string; name: string } | undefined =>
  (endpointType(ep) === 'Interface' && boolValue(ep.props.private_dns) === true ? serviceInVpc(ep) : undefined));

/** The first endpoint (in scope order) with private DNS for a service in a VPC. One memo per
 *  identity: an edit elsewhere leaves it the same endpoint, so the others need no re-check. */
function firstWith(ctx: RuleContext, id: string): Resource | undefined {
  return ctx.memo(`VPCE204:first:${id}`, (c) => c.memo('VPCE204:firsts', (d) => {
    const first = new Map<string, Resource>();
    for (const ep of d.all('endpoint')) {
      const key = candidate(ep);
      if (key && !first.has(key.id)) first.set(key.id, ep);
    }
    return first;
  }).get(id));
}

/** A Terraform resource that may or may not exist: its `count`/`for_each` could not be expanded. */
function conditional(ctx: RuleContext, res: Resource): boolean {
  return res.format === 'terraform' && res.instance === undefined
    && (attributeWritten(ctx, res, 'count') || attributeWritten(ctx, res, 'for_each'));
}

/** The endpoint's service and VPC as one identity; undefined when either is unknown. */
function serviceInVpc(ep: Resource): { id: string; name: string } | undefined {
  const vpc = vpcIdentity(ep);
  const service = endpointService(ep);
  if (!vpc || !service) return undefined;
  if (service.resolved) return { id: `${vpc}|${service.shape}`, name: service.shape };
  // `${AWS::Region}` names: the same name only when both deploy to the same (unknown) region.
  if (!ep.region.deployment) return undefined;
  return { id: `${vpc}|${ep.region.via ?? ''}|${service.shape}`, name: service.shape };
}
