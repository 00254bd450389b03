// Builds canonical resources from resource blocks, one per count/for_each instance.
import type { Loc, ObjEntry, Resource, Val } from '../model';
import { attrOf, blocksOf, type Attribute, type Block } from './ast';
import type { Env, Evaluator } from './eval';
import type { Instance } from './expand';
import { gatewayKind, ROUTE_TARGETS, TYPES, type PropMap } from './mapping';
import type { PolicyReader } from './policies';
import type { Regions } from './region';
import { at, computedStr, isNull, list, scalarString, unknown } from './vals';

export interface Extractor { ev: Evaluator; regions: Regions; policies: PolicyReader }

export function extractResource(x: Extractor, type: string, block: Block, inst: Instance): Resource[] {
  const spec = TYPES[type];
  if (!spec) return [];
  const { file } = inst.env;
  const env = inst.env;
  let typeUnknownAt: Loc | undefined;
  if (type === 'aws_security_group_rule') {
    const t = attrOf(block, 'type');
    const v = t && x.ev.eval(t.value, env);
    if (v?.t === 'str' && v.v !== undefined) {
      if (v.v !== 'ingress') return [];
    } else typeUnknownAt = v?.loc ?? at(file, block.range);
  }
  const res: Resource = {
    kind: spec.kind, key: inst.key, nativeType: type, displayName: inst.key, format: 'terraform',
    loc: at(file, block.range), nameLoc: at(file, block.labels[1]?.range ?? block.typeRange),
    props: {}, propKeyLocs: {}, region: x.regions.regionOf(block, env),
  };
  if (inst.index !== undefined) res.instance = inst.index;
  readProps(x, res, block, spec.props, env);
  // An egress rule admits nothing inbound: a rule whose type is not known may or may not admit.
  if (typeUnknownAt) res.props.protocol = unknown(typeUnknownAt, 'rule type not known');
  for (const o of spec.objects ?? []) {
    const b = blocksOf(block, o.block)[0];
    if (!b) continue;
    res.props[o.prop] = blockObject(x, b, env);
    res.propKeyLocs[o.prop] = at(file, b.typeRange);
  }
  applyDefaults(res);
  if (spec.kind === 'route') routeTarget(x, res, block, env);
  if (spec.kind === 'hosted_zone') zoneVpcs(x, res, block, env);
  if (spec.policy) {
    const val = res.props.policy ?? evalAttr(x, block, spec.policy.attr, env);
    const policy = val && x.policies.fromValue(val, spec.policy.kind, res.key);
    if (policy) res.policies = [policy];
  }
  const out = [res];
  if (spec.children) out.push(...children(x, res, block, env));
  return out;
}

function evalAttr(x: Extractor, block: Block, name: string, env: Env): Val | undefined {
  const a = attrOf(block, name);
  return a && x.ev.eval(a.value, env);
}

/** The attribute a canonical property reads: `a.b` = attribute b of the first block a. */
function findAttr(block: Block, path: string): Attribute | undefined {
  const parts = path.split('.');
  let cur: Block | undefined = block;
  for (const name of parts.slice(0, -1)) cur = cur && blocksOf(cur, name)[0];
  return cur && attrOf(cur, parts[parts.length - 1]);
}

function readProps(x: Extractor, res: Resource, block: Block, props: PropMap[], env: Env): void {
  for (const m of props) {
    const a = findAttr(block, m.attr);
    if (!a) continue;
    let val = x.ev.eval(a.value, env);
    if (val.t === 'unknown' && val.why === 'null') continue; // `= null` means not set
    if (m.one) val = list([val], val.loc);
    res.props[m.prop] = val;
    res.propKeyLocs[m.prop] = at(env.file, a.nameRange);
  }
}

function blockObject(x: Extractor, b: Block, env: Env): Val {
  const entries: ObjEntry[] = b.attrs.map((a) => ({ key: a.name, keyLoc: at(env.file, a.nameRange), value: x.ev.eval(a.value, env) }));
  return { t: 'obj', entries, loc: at(env.file, b.range) };
}

/** Terraform's defaults for arguments rules depend on, marked as `defaulted`. */
function applyDefaults(res: Resource): void {
  const defaults: Record<string, Val> = {};
  if (res.kind === 'endpoint') defaults.type = { t: 'str', v: 'Gateway', parts: [], loc: res.nameLoc };
  if (res.kind === 'vpc') {
    defaults.dns_support = { t: 'bool', v: true, loc: res.nameLoc };
    defaults.dns_hostnames = { t: 'bool', v: false, loc: res.nameLoc };
  }
  for (const [prop, val] of Object.entries(defaults)) {
    if (res.props[prop] !== undefined) continue;
    res.props[prop] = val;
    (res.defaulted ??= []).push(prop);
  }
}

function routeTarget(x: Extractor, res: Resource, block: Block, env: Env): void {
  for (const [attr, kind] of ROUTE_TARGETS) {
    const a = attrOf(block, attr);
    if (!a) continue;
    const val = x.ev.eval(a.value, env);
    if (val.t === 'unknown' && val.why === 'null') continue;
    const keyLoc = at(env.file, a.nameRange);
    const target = kind || gatewayKind(val.t === 'ref' ? val.target.split('.')[0] : undefined, scalarString(val));
    res.props.target = val;
    res.propKeyLocs.target = keyLoc;
    res.props.target_kind = target ? computedStr(target, keyLoc) : unknown(keyLoc, 'gateway not known');
    return;
  }
}

function zoneVpcs(x: Extractor, res: Resource, block: Block, env: Env): void {
  const vpcs = blocksOf(block, 'vpc');
  const dynamic = block.blocks.some((b) => b.type === 'dynamic' && b.labels[0]?.value === 'vpc');
  if (!vpcs.length && !dynamic) return;
  const items = vpcs.map((b) => evalAttr(x, b, 'vpc_id', env) ?? unknown(at(env.file, b.range), 'vpc_id missing'));
  const first = vpcs[0] ?? block.blocks.find((b) => b.type === 'dynamic')!;
  const last = vpcs[vpcs.length - 1] ?? first;
  res.props.vpcs = list(items, at(env.file, { start: first.range.start, end: last.range.end }), !dynamic);
  res.propKeyLocs.vpcs = at(env.file, first.typeRange);
}

/** Inline `route` / `ingress` blocks (and their `dynamic` forms) as child resources; inline
 *  ingress rules written as an attribute (`ingress = [{ ... }]`) too. */
function children(x: Extractor, parent: Resource, block: Block, env: Env): Resource[] {
  const spec = TYPES[parent.nativeType].children!;
  const out: Resource[] = [];
  let made = 0;
  const child = (loc: Loc, nameLoc: Loc, refLoc: Loc): Resource => {
    const i = made++;
    const c: Resource = {
      kind: spec.kind, key: `${parent.key}.${spec.block}[${i}]`, nativeType: parent.nativeType,
      displayName: `${parent.displayName} (${spec.block} #${i + 1})`, format: 'terraform',
      loc, nameLoc, props: {}, propKeyLocs: {}, region: parent.region, parent: parent.key,
    };
    if (parent.instance !== undefined) c.instance = parent.instance;
    c.props[spec.parentProp] = { t: 'ref', target: parent.key, loc: refLoc };
    return c;
  };
  const make = (b: Block, innerEnv: Env, nameLoc: Loc): Resource => {
    const c = child(at(env.file, b.range), nameLoc, at(env.file, b.typeRange));
    readProps(x, c, b, spec.props, innerEnv);
    if (spec.kind === 'route') routeTarget(x, c, b, innerEnv);
    return c;
  };
  for (const b of block.blocks) {
    if (b.type === spec.block) out.push(make(b, env, at(env.file, b.typeRange)));
    else if (b.type === 'dynamic' && b.labels[0]?.value === spec.block) out.push(...dynamicChildren(x, b, env, make));
  }
  // Attribute-form routes would need their targets read from objects: only ingress rules here.
  const attr = spec.kind === 'sg_ingress' ? attrOf(block, spec.block) : undefined;
  if (attr) attributeChildren(x, attr, env, spec.props, (loc) => { const c = child(loc, loc, loc); out.push(c); return c; });
  return out;
}

/** `ingress = [{ from_port = 443, ... }]`: one child per object. A list we cannot see in full
 *  adds one child whose values are unknown (a rule may exist). */
function attributeChildren(x: Extractor, a: Attribute, env: Env, props: PropMap[], add: (loc: Loc) => Resource): void {
  const val = x.ev.eval(a.value, env);
  if (isNull(val)) return;
  const items = val.t === 'list' ? val.items : [];
  for (const item of items) {
    const c = add(item.loc);
    if (item.t !== 'obj') {
      c.props.protocol = unknown(item.loc, 'rule not readable');
      continue;
    }
    for (const m of props) {
      const e = item.entries.filter((en) => en.key === m.attr).pop();
      if (!e || isNull(e.value)) continue;
      c.props[m.prop] = m.one ? list([e.value], e.value.loc) : e.value;
      c.propKeyLocs[m.prop] = e.keyLoc;
    }
  }
  if (val.t !== 'list' || !val.complete) add(val.loc).props.protocol = unknown(val.loc, 'rules not known');
}

const MAX_DYNAMIC = 256;

/** `dynamic "ingress" { for_each = ...; content { ... } }`: one child per element; when the
 *  collection is unknown, one child whose values are unknown (so rules know a rule may exist). */
function dynamicChildren(x: Extractor, d: Block, env: Env, make: (b: Block, env: Env, nameLoc: Loc) => Resource): Resource[] {
  const content = blocksOf(d, 'content')[0];
  if (!content) return [];
  const iterAttr = attrOf(d, 'iterator');
  const iterName = (iterAttr?.value.k === 'var' ? iterAttr.value.name : undefined) ?? d.labels[0]?.value ?? 'each';
  const forEach = attrOf(d, 'for_each');
  const coll = forEach ? x.ev.eval(forEach.value, env) : undefined;
  const nameLoc = at(env.file, d.labels[0]?.range ?? d.typeRange);
  const pairs: [Val, Val][] | undefined = coll?.t === 'list' && coll.complete
    ? coll.items.map((v, i) => [{ t: 'num', v: i, loc: v.loc }, v])
    : coll?.t === 'obj' ? coll.entries.map((e) => [{ t: 'str', v: e.key, parts: [{ text: e.key, value: e.key, loc: e.keyLoc }], loc: e.keyLoc }, e.value])
      : undefined;
  if (!pairs || pairs.length > MAX_DYNAMIC) {
    const scope = new Map(env.scope ?? []);
    const u = unknown(nameLoc, 'dynamic block over an unknown collection');
    scope.set(iterName, { t: 'obj', entries: [{ key: 'key', keyLoc: nameLoc, value: u }, { key: 'value', keyLoc: nameLoc, value: u }], loc: nameLoc });
    return [make(content, { ...env, scope }, nameLoc)];
  }
  return pairs.map(([key, value]) => {
    const scope = new Map(env.scope ?? []);
    scope.set(iterName, { t: 'obj', entries: [{ key: 'key', keyLoc: key.loc, value: key }, { key: 'value', keyLoc: value.loc, value }], loc: nameLoc });
    return make(content, { ...env, scope }, nameLoc);
  });
}

