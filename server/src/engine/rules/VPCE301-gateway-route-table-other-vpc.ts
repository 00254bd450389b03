// VPCE301: a Gateway endpoint associated with a route table of another VPC.
import type { NewValue, Resource, TextEdit, Val } from '../model';
import type { Fix, Rule, RuleContext } from '../rule';
import { attributeName } from './display-names';
import { endpointFacts, hasEndpoint } from './endpoint-facts';
import { endpointType } from './endpoints';
import { fixOf, newResourceName, removeBlockEdits } from './fixes';
import { serviceSuffix } from './service-names';
import { sameRange, sourceText } from './source-text';

export const rule: Rule = {
  meta: {
    code: 'VPCE301',
    name: 'gateway-route-table-other-vpc',
    severity: 'error',
    formats: ['terraform', 'cloudformation'],
    fixable: true,
    docs: {
      summary: 'Finds Gateway endpoints associated with a route table that belongs to another VPC.',
      why: 'A Gateway endpoint adds routes for the service\'s prefix list to route tables of its own VPC only. AWS refuses to '
        + 'associate a route table of another VPC, and even where a configuration expects it, traffic from another VPC '
        + 'cannot use a gateway endpoint: "Resources on the other side of a VPN connection, VPC peering connection, transit '
        + 'gateway, or Direct Connect connection in your VPC cannot use a gateway endpoint."',
      fix: 'Removes that route table from the endpoint (the preferred fix), or moves it to a new Gateway endpoint for the '
        + 'same service in the route table\'s VPC.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "s3" {\n  vpc_id          = aws_vpc.hub.id\n  service_name    = "com.amazonaws.eu-west-1.s3"\n  route_table_ids = [aws_route_table.hub.id, aws_route_table.spoke.id]\n}',
          good: 'resource "aws_vpc_endpoint" "s3" {\n  vpc_id          = aws_vpc.hub.id\n  service_name    = "com.amazonaws.eu-west-1.s3"\n  route_table_ids = [aws_route_table.hub.id]\n}\n\nresource "aws_vpc_endpoint" "s3_spoke" {\n  vpc_id          = aws_vpc.spoke.id\n  service_name    = "com.amazonaws.eu-west-1.s3"\n  route_table_ids = [aws_route_table.spoke.id]\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref HubVpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    RouteTableIds: [!Ref HubRouteTable, !Ref SpokeRouteTable]',
          good: 'S3Endpoint:\n  Type: AWS::EC2::VPCEndpoint\n  Properties:\n    VpcId: !Ref HubVpc\n    ServiceName: !Sub com.amazonaws.${AWS::Region}.s3\n    RouteTableIds: [!Ref HubRouteTable]',
        },
        {
          format: 'cloudformation-json',
          bad: '"RouteTableIds": [{"Ref": "HubRouteTable"}, {"Ref": "SpokeRouteTable"}]',
          good: '"RouteTableIds": [{"Ref": "HubRouteTable"}]',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html',
        'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-s3.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      if (endpointType(ep) !== 'Gateway') return;
      const vpc = ctx.deref(ep.props.vpc);
      if (vpc?.kind !== 'vpc') return;
      const list = ep.props.route_tables;
      const items = list?.t === 'list' ? list.items : list ? [list] : [];
      for (const item of items) {
        const table = foreignTable(ctx, item, vpc);
        if (!table) continue;
        report(ctx, ep, vpc, table.rt, table.other, item, () => tableFixes(
          ctx, ep, table.rt, table.other, `Remove \`${table.rt.displayName}\` from \`${attributeName(ep, 'route_tables')}\``, removeItemEdits(ctx, ep, item),
        ));
      }
    });
    ctx.each('endpoint_rt_assoc', (assoc) => {
      const ep = ctx.deref(assoc.props.endpoint);
      if (ep?.kind !== 'endpoint' || endpointType(ep) !== 'Gateway' || !assoc.props.route_table) return;
      const vpc = ctx.deref(ep.props.vpc);
      if (vpc?.kind !== 'vpc') return;
      const table = foreignTable(ctx, assoc.props.route_table, vpc);
      if (!table) return;
      report(ctx, ep, vpc, table.rt, table.other, assoc.props.route_table, () => tableFixes(
        ctx, ep, table.rt, table.other, `Remove \`${assoc.displayName}\``, removeBlockEdits(ctx, assoc) ?? [],
      ));
    });
  },
};

/** The route table a value references, when it is known to be in another VPC than `vpc`. */
function foreignTable(ctx: RuleContext, val: Val, vpc: Resource): { rt: Resource; other: Resource } | undefined {
  const rt = ctx.deref(val);
  if (rt?.kind !== 'route_table') return undefined;
  const other = ctx.deref(rt.props.vpc);
  if (other?.kind !== 'vpc' || other.key === vpc.key) return undefined;
  return { rt, other };
}

function report(ctx: RuleContext, ep: Resource, vpc: Resource, rt: Resource, other: Resource, at: Val, fixes: () => Fix[]): void {
  ctx.report({
    loc: at.loc,
    message: `Route table \`${rt.displayName}\` belongs to VPC \`${other.displayName}\`, but this Gateway endpoint is in VPC \`${vpc.displayName}\`: a gateway endpoint serves only route tables of its own VPC.`,
    related: [
      { loc: rt.props.vpc!.loc, message: `\`${rt.displayName}\` is in VPC \`${other.displayName}\`` },
      { loc: ep.props.vpc!.loc, message: `the endpoint is in VPC \`${vpc.displayName}\`` },
    ],
    fixes,
  });
}

/** Edits removing one route table from the endpoint's written list (the attribute when it was the only one). */
function removeItemEdits(ctx: RuleContext, ep: Resource, item: Val): TextEdit[] {
  const list = ep.props.route_tables;
  if (list?.t !== 'list' || !list.complete) return [];
  const rest: NewValue[] = [];
  for (const other of list.items) {
    if (other === item) continue;
    const text = sourceText(ctx.scope, other.loc);
    if (text === undefined || sameRange(other.loc, list.loc)) return [];
    rest.push({ raw: text });
  }
  if (sameRange(item.loc, list.loc)) return [];
  return rest.length ? ctx.scope.editor.setProp(ep, 'route_tables', { list: rest }) : ctx.scope.editor.removeProp(ep, 'route_tables');
}

/** Takes route table `rt` off the endpoint with `removal` (the fix titled `removeTitle`), alone or
 *  moved to a new endpoint in its own VPC. */
function tableFixes(ctx: RuleContext, ep: Resource, rt: Resource, other: Resource, removeTitle: string, removal: TextEdit[]): Fix[] {
  return [...fixOf(removeTitle, removal, { safe: true, preferred: true }), ...moveFix(ctx, ep, rt, other, removal)];
}

/** Moves the route table to a new Gateway endpoint for the same service in its own VPC: inserts
 *  that endpoint and applies `removal`, which takes the table off this endpoint. */
function moveFix(ctx: RuleContext, ep: Resource, rt: Resource, other: Resource, removal: TextEdit[]): Fix[] {
  if (!removal.length || ep.instance !== undefined || rt.instance !== undefined || other.instance !== undefined) return [];
  const svc = serviceSuffix(ep);
  if (!svc || hasEndpoint(endpointFacts(ctx), other.key, [svc], 'Gateway') !== false) return [];
  const name = sourceText(ctx.scope, ep.props.service_name!.loc);
  const vpcText = sourceText(ctx.scope, rt.props.vpc!.loc);
  if (name === undefined || vpcText === undefined) return [];
  const props: Record<string, NewValue> = {
    service_name: { raw: name }, type: { str: 'Gateway' }, vpc: { raw: vpcText }, route_tables: { refs: [rt.key] },
  };
  const edits = ctx.scope.editor.insertResource(ep, {
    kind: 'endpoint', name: newResourceName(ctx.scope, `${svc} ${other.key.replace(/^aws_vpc\./, '')}`), props,
  });
  if (!edits.length) return [];
  return fixOf(`Move \`${rt.displayName}\` to a new Gateway endpoint in VPC \`${other.displayName}\``, [...removal, ...edits], { safe: false });
}

