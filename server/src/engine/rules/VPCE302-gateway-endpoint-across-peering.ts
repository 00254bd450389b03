// VPCE302: traffic expected to reach a Gateway endpoint from outside its VPC (routes to peering,
// transit gateways or VPN for its prefix list; SourceVpc conditions for VPCs that can only get
// there over such links).
import type { NewValue, Resource, TextEdit, Val } from '../model';
import type { Fix, Rule, RuleContext } from '../rule';
import { endpointFacts, type EndpointFacts, hasEndpoint } from './endpoint-facts';
import { endpointType } from './endpoints';
import { fixOf, newResourceName, removeBlockEdits } from './fixes';
import { linkedVpcs, routeTablesOf, vpcKey } from './network';
import { serviceSuffix } from './service-names';
import { sourceText } from './source-text';
import { strValue } from './values';
import { vpcHandedOff } from './handoffs';
import { lookupTable } from '../collections';

const TARGETS = lookupTable<string>({
  peering: 'a VPC peering connection', tgw: 'a transit gateway', vgw: 'a virtual private gateway (VPN)',
});

export const rule: Rule = {
  meta: {
    code: 'VPCE302',
    name: 'gateway-endpoint-across-peering',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    suggestionsOnly: true,
    docs: {
      summary: 'Finds configurations that expect a Gateway endpoint to carry traffic from outside its VPC.',
      why: 'Gateway endpoints are not transitive: "Resources on the other side of a VPN connection, VPC peering connection, '
        + 'transit gateway, or Direct Connect connection in your VPC cannot use a gateway endpoint." A route that sends the '
        + 'endpoint\'s prefix list (S3 or DynamoDB) to a peering connection, transit gateway or VPN gateway does not reach '
        + 'the service through the endpoint, and a bucket policy that admits `aws:SourceVpc` of a VPC without an S3 endpoint '
        + 'of its own never matches: requests from that VPC cannot arrive through another VPC\'s gateway endpoint. Interface '
        + 'endpoints for S3 and DynamoDB, by contrast, can be reached over peering, transit gateways, VPN and Direct Connect.',
      fix: 'Inserts a Gateway endpoint in the consumer VPC, on its route tables; for a route, in place of that route (the '
        + 'endpoint adds its own route for the prefix list). The alternative is an Interface endpoint in the hub VPC.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_route" "s3_via_hub" {\n  route_table_id             = aws_route_table.spoke.id\n  destination_prefix_list_id = aws_vpc_endpoint.hub_s3.prefix_list_id\n  transit_gateway_id         = aws_ec2_transit_gateway.main.id\n}',
          good: 'resource "aws_vpc_endpoint" "spoke_s3" {\n  vpc_id          = aws_vpc.spoke.id\n  service_name    = "com.amazonaws.eu-west-1.s3"\n  route_table_ids = [aws_route_table.spoke.id]\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'BucketPolicy:\n  Type: AWS::S3::BucketPolicy\n  Properties:\n    Bucket: !Ref Bucket\n    PolicyDocument:\n      Statement:\n        - Effect: Deny\n          Principal: "*"\n          Action: s3:*\n          Resource: !Sub ${Bucket.Arn}/*\n          Condition:\n            StringNotEquals:\n              aws:SourceVpc: [!Ref HubVpc, !Ref SpokeVpc]  # SpokeVpc is only peered to HubVpc',
          good: 'SpokeS3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref SpokeVpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    RouteTableIds: [!Ref SpokeRouteTable]',
        },
        {
          format: 'cloudformation-json',
          bad: '"Condition": {"StringNotEquals": {"aws:SourceVpc": [{"Ref": "HubVpc"}, {"Ref": "SpokeVpc"}]}}',
          good: '"SpokeS3Endpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {"VpcId": {"Ref": "SpokeVpc"}, "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"}, "RouteTableIds": [{"Ref": "SpokeRouteTable"}]}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpc',
      ],
    },
  },
  check(ctx) {
    const facts = endpointFacts(ctx);
    // One inserted endpoint per VPC and service, however many findings call for it.
    const offered = new Set<string>();
    checkRoutes(ctx, facts, offered);
    checkSourceVpc(ctx, facts, offered);
  },
};

/** The Gateway endpoint whose prefix list a route destination references. */
function prefixListEndpoint(ctx: RuleContext, dest: Val | undefined): Resource | undefined {
  if (dest?.t !== 'ref' || !/^prefix_?list_?id$/i.test(dest.attr ?? '')) return undefined;
  const ep = ctx.deref(dest);
  return ep?.kind === 'endpoint' && endpointType(ep) === 'Gateway' ? ep : undefined;
}

function checkRoutes(ctx: RuleContext, facts: readonly EndpointFacts[], offered: Set<string>): void {
  for (const route of ctx.all('route')) {
    const ep = prefixListEndpoint(ctx, route.props.dest_prefix_list);
    const kind = strValue(route.props.target_kind);
    if (!ep || !kind) continue;
    let how = TARGETS[kind];
    if (kind === 'vpce') {
      const target = ctx.deref(route.props.target);
      const a = target && vpcKey(target);
      const b = vpcKey(ep);
      if (target?.kind === 'endpoint' && a && b && a !== b) how = `endpoint \`${target.displayName}\` of another VPC`;
    }
    if (!how) continue;
    const table = ctx.deref(route.props.route_table) ?? (route.parent ? ctx.scope.byKey.get(route.parent) : undefined);
    const svc = serviceSuffix(ep) ?? 'service';
    ctx.report({
      loc: route.props.dest_prefix_list!.loc,
      message: `This route sends the prefix list of Gateway endpoint \`${ep.displayName}\` (\`${svc}\`) to ${how}: gateway endpoints carry only traffic from route tables of their own VPC.`,
      related: [
        { loc: ep.nameLoc, message: `Gateway endpoint \`${ep.displayName}\`` },
        ...(route.props.target ? [{ loc: route.props.target.loc, message: 'the route\'s target' }] : []),
      ],
      fixes: table?.kind === 'route_table' ? consumerFix(ctx, facts, ep, table, route, offered) : [],
    });
  }
}

/** `aws:SourceVpc` in a bucket policy naming a VPC that can reach S3's gateway endpoint only through another VPC. */
function checkSourceVpc(ctx: RuleContext, facts: readonly EndpointFacts[], offered: Set<string>): void {
  for (const policy of ctx.policies()) {
    if (policy.kind !== 'bucket') continue;
    for (const stmt of policy.statements) {
      for (const cond of stmt.conditions) {
        if (cond.key.toLowerCase() !== 'aws:sourcevpc') continue;
        for (const value of cond.values) {
          const vpc = ctx.deref(value);
          // A module or nested stack given the VPC may create its S3 endpoint.
          if (vpc?.kind !== 'vpc' || hasEndpoint(facts, vpc.key, ['s3']) !== false || vpcHandedOff(ctx, vpc.key)) continue;
          const link = linkedVpcs(ctx, vpc.key).find((l) => hasEndpoint(facts, l.vpc, ['s3'], 'Gateway') === true);
          if (!link) continue;
          const hubEp = facts.find((f) => f.vpc === link.vpc && f.service === 's3' && f.type === 'Gateway')!.ep;
          const hub = ctx.scope.byKey.get(link.vpc);
          ctx.report({
            loc: value.loc,
            message: `\`${cond.key}\` admits VPC \`${vpc.displayName}\`, which has no S3 endpoint of its own and reaches Gateway endpoint \`${hubEp.displayName}\` only over ${link.how === 'peering' ? 'a peering connection' : 'a transit gateway'}: its requests never carry this VPC id.`,
            related: [
              { loc: link.via.nameLoc, message: `${link.how} to \`${hub?.displayName ?? link.vpc}\`` },
              { loc: hubEp.nameLoc, message: `Gateway endpoint \`${hubEp.displayName}\` serves only VPC \`${hub?.displayName ?? link.vpc}\`` },
            ],
            fixes: tablesFix(ctx, hubEp, vpc, offered),
          });
        }
      }
    }
  }
}

/** A Gateway endpoint in the route table's VPC in place of the route (the endpoint adds its own
 *  route for the prefix list), when that VPC has none for the service. */
function consumerFix(ctx: RuleContext, facts: readonly EndpointFacts[], ep: Resource, table: Resource, route: Resource, offered: Set<string>): Fix[] {
  const consumer = ctx.deref(table.props.vpc);
  const svc = serviceSuffix(ep);
  if (consumer?.kind !== 'vpc' || !svc || consumer.key === vpcKey(ep) || hasEndpoint(facts, consumer.key, [svc], 'Gateway') !== false) return [];
  if (vpcHandedOff(ctx, consumer.key)) return [];
  const removal = route.instance === undefined ? removeBlockEdits(ctx, route) : undefined;
  return removal ? insertGateway(ctx, ep, consumer, [table], table, offered, removal) : [];
}

function tablesFix(ctx: RuleContext, hubEp: Resource, vpc: Resource, offered: Set<string>): Fix[] {
  const tables = routeTablesOf(ctx, vpc.key);
  return tables.length ? insertGateway(ctx, hubEp, vpc, tables, vpc, offered) : [];
}

function insertGateway(ctx: RuleContext, model: Resource, vpc: Resource, tables: Resource[], after: Resource, offered: Set<string>, routeRemoval?: TextEdit[]): Fix[] {
  const svc = serviceSuffix(model) ?? 'gateway';
  if ([model, vpc, after, ...tables].some((r) => r.instance !== undefined) || offered.has(`${vpc.key}|${svc}`)) return [];
  const name = sourceText(ctx.scope, model.props.service_name!.loc);
  if (name === undefined) return [];
  const props: Record<string, NewValue> = {
    service_name: { raw: name }, type: { str: 'Gateway' }, vpc: { refs: [vpc.key] }, route_tables: { refs: tables.map((t) => t.key) },
  };
  offered.add(`${vpc.key}|${svc}`);
  const edits = ctx.scope.editor.insertResource(after, { kind: 'endpoint', name: newResourceName(ctx.scope, `${svc} ${vpc.key.replace(/^aws_vpc\./, '')}`), props });
  if (!edits.length) return [];
  const title = `Insert a Gateway endpoint for \`${svc}\` in VPC \`${vpc.displayName}\`${routeRemoval ? ' in place of this route' : ''}`;
  return fixOf(title, [...(routeRemoval ?? []), ...edits], { safe: false });
}
