// VPCs and what belongs to them: resources by reference, route tables, subnets, and VPCs linked by
// peering or a transit gateway.
import type { Resource, ResourceKind } from '../model';
import type { RuleContext } from '../rule';
import { groupBy, sameItems } from '../collections';
import { refKey, strValue } from './values';
import { zoneOf } from './zones';

/** Resources in the same VPC as `res` (by its `vpc` reference), or undefined when unknown. */
export function vpcKey(res: Resource): string | undefined {
  const v = res.props.vpc;
  return v?.t === 'ref' ? v.target : undefined;
}

/** The VPC a resource belongs to: a reference in the scope or a literal id; undefined if unknown. */
export function vpcIdentity(res: Resource): string | undefined {
  const v = res.props.vpc;
  if (v?.t === 'ref') return `ref:${v.target}`;
  if (v?.t === 'str' && v.v !== undefined) return `id:${v.v}`;
  return undefined;
}

/** Resources of `kind` by the key their `prop` references (those that reference nothing are left
 *  out), in scope order. Built once per scope, so "which associations name this endpoint" asked
 *  per endpoint stays linear. */
export function byReference(ctx: RuleContext, kind: ResourceKind, prop: string): ReadonlyMap<string, readonly Resource[]> {
  return ctx.memo(`byReference:${kind}.${prop}`, (c) => groupBy(c.all(kind), (res) => refKey(res.props[prop])));
}

const NONE: readonly Resource[] = [];

/** The resources of `kind` whose `prop` references `key`, in scope order. One memo per key: an
 *  edit of one security group's rules leaves the other groups' lists the same, so steps that read
 *  only those need no re-check. For keys many steps share (a group, a subnet, a route table); a
 *  memo per endpoint would cost each lint more than it saves. */
export function referrers(ctx: RuleContext, kind: ResourceKind, prop: string, key: string): readonly Resource[] {
  return ctx.memo(`referrers:${kind}.${prop}:${key}`, (c) => byReference(c, kind, prop).get(key) ?? NONE, sameItems);
}

/** The route tables of a VPC in the scope. */
export function routeTablesOf(ctx: RuleContext, vpc: string): Resource[] {
  return [...referrers(ctx, 'route_table', 'vpc', vpc)];
}

/** Every resource of `kind` in the endpoint's VPC, or undefined when that is not certain (the
 *  endpoint's VPC is not a reference, or some resource of that kind has a VPC we cannot read). */
export function allInVpc(ctx: RuleContext, ep: Resource, kind: 'route_table' | 'subnet'): Resource[] | undefined {
  const vpc = vpcKey(ep);
  if (!vpc) return undefined;
  const out: Resource[] = [];
  for (const res of ctx.all(kind)) {
    const own = res.props.vpc;
    if (own?.t === 'ref') {
      if (own.target === vpc) out.push(res);
    } else if (own?.t !== 'str' || own.v === undefined) {
      return undefined;
    }
  }
  return out;
}

/** The subnets of the endpoint's VPC whose route table has no route to an internet gateway, when
 *  every subnet of that VPC, its route table and their routes are known, and no two share a known
 *  Availability Zone (an Interface endpoint takes one subnet per zone). */
export function privateSubnetsOf(ctx: RuleContext, ep: Resource): Resource[] | undefined {
  const subnets = allInVpc(ctx, ep, 'subnet');
  if (!subnets?.length) return undefined;
  const assocs = ctx.all('subnet_rt_assoc');
  const routes = ctx.all('route');
  if (assocs.some((a) => !ctx.deref(a.props.subnet) || !ctx.deref(a.props.route_table))) return undefined;
  if (routes.some((r) => !r.parent && !ctx.deref(r.props.route_table))) return undefined;
  const out: Resource[] = [];
  const zones = new Set<string>();
  for (const subnet of subnets) {
    const tables = assocs.filter((a) => ctx.deref(a.props.subnet) === subnet).map((a) => ctx.deref(a.props.route_table)!);
    if (tables.length !== 1) return undefined; // the main route table, which the module does not show
    const own = routes.filter((r) => r.parent === tables[0].key || ctx.deref(r.props.route_table) === tables[0]);
    const kinds = own.map((r) => strValue(r.props.target_kind));
    if (kinds.includes(undefined)) return undefined;
    if (kinds.includes('igw')) continue;
    const zone = zoneOf(subnet);
    if (zone) {
      // Two subnets in one zone, or zones written as names and as ids (which may coincide).
      if (zones.has(zone.key) || [...zones].some((z) => !z.startsWith(`${zone.kind}:`))) return undefined;
      zones.add(zone.key);
    }
    out.push(subnet);
  }
  return out.length ? out : undefined;
}

export interface VpcLink {
  /** Key of the VPC at the other end. */
  vpc: string;
  /** The peering connection, or the other VPC's transit gateway attachment. */
  via: Resource;
  how: 'peering' | 'transit gateway';
}

/** VPCs of the scope connected to `vpc` by a peering connection or a shared transit gateway. */
export function linkedVpcs(ctx: RuleContext, vpc: string): VpcLink[] {
  const out: VpcLink[] = [];
  for (const p of ctx.all('peering')) {
    const a = refKey(p.props.vpc);
    const b = refKey(p.props.peer_vpc);
    if (!a || !b || a === b) continue;
    if (a === vpc) out.push({ vpc: b, via: p, how: 'peering' });
    else if (b === vpc) out.push({ vpc: a, via: p, how: 'peering' });
  }
  const tgwOf = (att: Resource) => refKey(att.props.transit_gateway) ?? strValue(att.props.transit_gateway);
  const attachments = ctx.all('tgw_attachment');
  const mine = new Set(attachments.filter((a) => vpcKey(a) === vpc).map(tgwOf).filter((t): t is string => !!t));
  for (const a of attachments) {
    const other = vpcKey(a);
    const tgw = tgwOf(a);
    if (other && other !== vpc && tgw && mine.has(tgw) && !out.some((l) => l.vpc === other)) {
      out.push({ vpc: other, via: a, how: 'transit gateway' });
    }
  }
  return out;
}
