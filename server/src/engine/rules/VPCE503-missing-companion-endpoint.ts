// VPCE503: services that need companion endpoints in the same VPC (SSM, ECR, ECS).
import type { NewValue, Resource } from '../model';
import type { Fix, Rule, RuleContext, Severity } from '../rule';
import { endpointFacts, hasEndpoint } from './endpoint-facts';
import { endpointType, type EndpointType } from './endpoints';
import { fixOf, newResourceName, serviceNameTextFor } from './fixes';
import { routeTablesOf, vpcKey } from './network';
import { serviceSuffix } from './service-names';
import { sourceText } from './source-text';
import { vpcHandedOff } from './handoffs';
import { lookupTable } from '../collections';

interface Companion { service: string; type?: EndpointType; why: string; severity?: Severity }

const COMPANIONS = lookupTable<Companion[]>({
  ssm: [
    { service: 'ssmmessages', why: 'Session Manager needs it to open sessions' },
    { service: 'ec2messages', why: 'SSM Agent versions before 3.3.40.0 need it', severity: 'info' },
  ],
  'ecr.dkr': [
    { service: 'ecr.api', why: 'image pulls call the ECR API for authentication and manifests' },
    { service: 's3', type: 'Gateway', why: 'ECR serves image layers from S3' },
  ],
  ecs: [
    { service: 'ecs-agent', why: 'the ECS container agent connects to it' },
    { service: 'ecs-telemetry', why: 'the ECS container agent sends metrics to it' },
  ],
});

export const rule: Rule = {
  meta: {
    code: 'VPCE503',
    name: 'missing-companion-endpoint',
    severity: 'warning',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds endpoints for SSM, ECR and ECS whose companion endpoints are missing from the same VPC.',
      why: 'Some services answer on more than one endpoint. Systems Manager needs `ssm` and `ssmmessages` (Session Manager), '
        + 'and `ec2messages` for SSM Agent versions before 3.3.40.0 (reported as info). Pulling from ECR needs `ecr.dkr`, '
        + '`ecr.api`, and S3 for the image layers (a Gateway endpoint is enough). ECS on EC2 needs `ecs`, `ecs-agent` and '
        + '`ecs-telemetry`. With one of them missing, instances in private subnets fail in ways that look like permission '
        + 'or agent problems.',
      fix: 'Inserts the missing endpoint next to the one it complements, copying its VPC, subnets and security groups and '
        + 'enabling private DNS; the S3 companion of ECR is a Gateway endpoint on the VPC\'s route tables.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  subnet_ids          = aws_subnet.private[*].id\n  security_group_ids  = [aws_security_group.endpoints.id]\n  private_dns_enabled = true\n}',
          good: 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n  vpc_endpoint_type   = "Interface"\n  subnet_ids          = aws_subnet.private[*].id\n  security_group_ids  = [aws_security_group.endpoints.id]\n  private_dns_enabled = true\n}\n\nresource "aws_vpc_endpoint" "ssmmessages" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.ssmmessages"\n  vpc_endpoint_type   = "Interface"\n  subnet_ids          = aws_subnet.private[*].id\n  security_group_ids  = [aws_security_group.endpoints.id]\n  private_dns_enabled = true\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'EcrDkrEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ecr.dkr\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true',
          good: 'EcrDkrEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ecr.dkr\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\nEcrApiEndpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.ecr.api\n    VpcEndpointType: Interface\n    PrivateDnsEnabled: true\nS3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref Vpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    RouteTableIds: [!Ref PrivateRouteTable]',
        },
        {
          format: 'cloudformation-json',
          bad: '"EcsEndpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ecs"}, "VpcEndpointType": "Interface", "PrivateDnsEnabled": true}}',
          good: '"EcsAgentEndpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "Vpc"}, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ecs-agent"}, "VpcEndpointType": "Interface", "PrivateDnsEnabled": true}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html',
        'https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html',
        'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/vpc-endpoints.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const needs = companionsOf(ep);
      // A module or nested stack given the VPC may well create the companions.
      if (!needs || vpcHandedOff(ctx, needs.vpc)) return;
      const { suffix, vpc, companions } = needs;
      for (const c of companions) {
        if (hasCompanion(ctx, vpc, c) !== false) continue;
        ctx.report({
          loc: ep.nameLoc,
          message: `This \`${suffix}\` endpoint has no \`${c.service}\` endpoint beside it in its VPC: ${c.why}.`,
          severity: c.severity,
          // One inserted endpoint per VPC and service, however many endpoints call for it.
          fixes: offersFix(ctx, vpc, c.service) === ep ? () => companionFix(ctx, ep, vpc, c) : [],
        });
      }
    });
  },
};

/** The companions an Interface endpoint of a known VPC calls for, by its service. */
function companionsOf(ep: Resource): { suffix: string; vpc: string; companions: Companion[] } | undefined {
  const suffix = serviceSuffix(ep);
  const companions = suffix ? COMPANIONS[suffix] : undefined;
  const vpc = vpcKey(ep);
  if (!suffix || !companions || !vpc || endpointType(ep) !== 'Interface') return undefined;
  return { suffix, vpc, companions };
}

/** Whether VPC `vpc` has the companion endpoint. S3 layers come through either kind of S3
 *  endpoint; FIPS variants stand in for the plain one. A memo per VPC and service: an edit of
 *  another endpoint seldom changes the answer, and then the endpoints that asked are not re-checked. */
function hasCompanion(ctx: RuleContext, vpc: string, c: Companion): boolean | undefined {
  return ctx.memo(`VPCE503:has:${vpc}|${c.service}`, (m) => hasEndpoint(endpointFacts(m), vpc, [c.service, `${c.service}-fips`]));
}

/** The endpoint whose finding offers to insert companion `service` in `vpc`: the first, in scope
 *  order, that calls for it and is not an instance of a `count`/`for_each` block (whose copied
 *  expressions may use `count.index` or `each`). */
function offersFix(ctx: RuleContext, vpc: string, service: string): Resource | undefined {
  return ctx.memo(`VPCE503:offers:${vpc}|${service}`, (m) => m.memo('VPCE503:offering', (all) => {
    const first = new Map<string, Resource>();
    for (const ep of all.all('endpoint')) {
      const needs = ep.instance === undefined ? companionsOf(ep) : undefined;
      for (const c of needs?.companions ?? []) {
        const key = `${needs!.vpc}|${c.service}`;
        if (!first.has(key)) first.set(key, ep);
      }
    }
    return first;
  }).get(`${vpc}|${service}`));
}

/** Inserts the companion after `ep`, copying its VPC (and subnets, security groups for an Interface one). */
function companionFix(ctx: RuleContext, ep: Resource, vpc: string, c: Companion): Fix[] {
  const name = serviceNameTextFor(ctx.scope, ep, c.service);
  const vpcText = sourceText(ctx.scope, ep.props.vpc!.loc);
  if (name === undefined || vpcText === undefined) return [];
  const props: Record<string, NewValue> = { service_name: { raw: name }, vpc: { raw: vpcText } };
  let safe = true;
  if (c.type === 'Gateway') {
    props.type = { str: 'Gateway' };
    const tables = routeTablesOf(ctx, vpc);
    if (tables.length) props.route_tables = { refs: tables.map((t) => t.key) };
    safe = tables.length > 0;
  } else {
    props.type = { str: 'Interface' };
    for (const prop of ['subnets', 'security_groups'] as const) {
      const val = ep.props[prop];
      const text = val && sourceText(ctx.scope, val.loc);
      if (text !== undefined) props[prop] = { raw: text };
    }
    props.private_dns = { bool: true };
  }
  const edits = ctx.scope.editor.insertResource(ep, { kind: 'endpoint', name: newResourceName(ctx.scope, c.service), props });
  return fixOf(`Insert a \`${c.service}\` ${c.type ?? 'Interface'} endpoint in this VPC`, edits, { safe, preferred: true });
}
