// `module` calls -> canonical `handoff` resources: what this module gives code we cannot see,
// which may create endpoints, routes, zones or rules for those resources.
import type { Loc, RefVal, Resource, Val } from '../model';
import { attrOf, type Block, type Expr } from './ast';
import type { Extractor } from './extract';
import { at, list } from './vals';

/** Module arguments that configure the call itself rather than pass values into the module. */
const META_ARGUMENTS = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each']);

export function handoffResource(x: Extractor, name: string, block: Block, file: string): Resource {
  const key = `module.${name}`;
  const res: Resource = {
    kind: 'handoff', key, nativeType: 'module', displayName: key, format: 'terraform',
    loc: at(file, block.range), nameLoc: at(file, block.labels[0]?.range ?? block.typeRange),
    props: {}, propKeyLocs: {}, region: x.regions.providerInfo('aws'),
  };
  const source = attrOf(block, 'source');
  if (source) {
    res.props.source = x.ev.eval(source.value, { file });
    res.propKeyLocs.source = at(file, source.nameRange);
  }
  const refs = new Map<string, RefVal>();
  const add = (target: string, loc: Loc) => { if (!refs.has(target)) refs.set(target, { t: 'ref', target, loc }); };
  // What is read of a resource does not matter: a module can look up the rest (data sources).
  for (const a of block.attrs) {
    if (META_ARGUMENTS.has(a.name)) continue;
    // Written references (`aws_subnet.private[*].id` inside any function) and evaluated ones
    // (a local that holds `aws_vpc.main.id`).
    writtenReferences(a.value, (target, range) => add(target, at(file, range)), x.ev.mod.resourceTypes);
    collectRefs(x.ev.eval(a.value, { file }), add);
  }
  res.props.refs = list([...refs.values()], at(file, block.range));
  return res;
}

/** Every `<type>.<name>` traversal of a resource type declared in this module. */
function writtenReferences(e: Expr, found: (target: string, range: Expr['range']) => void, types: ReadonlySet<string>): void {
  if (e.k === 'attr' && e.obj.k === 'var' && types.has(e.obj.name)) {
    found(`${e.obj.name}.${e.name}`, e.range);
    return;
  }
  for (const child of childrenOf(e)) writtenReferences(child, found, types);
}

function childrenOf(e: Expr): Expr[] {
  switch (e.k) {
    case 'str': return e.parts.flatMap((p) => ('expr' in p ? [p.expr] : []));
    case 'attr': return [e.obj];
    case 'index': return [e.obj, e.key];
    case 'splat': return [e.obj, e.each];
    case 'call': return e.args;
    case 'tuple': return e.items;
    case 'object': return e.items.flatMap((i) => [i.key, i.value]);
    case 'for': return [e.coll, ...(e.keyExpr ? [e.keyExpr] : []), e.valExpr, ...(e.cond ? [e.cond] : [])];
    case 'cond': return [e.test, e.then, e.else];
    case 'op': return e.args;
    default: return [];
  }
}

/** References anywhere in an evaluated value (instances of counted resources included). */
function collectRefs(val: Val, add: (target: string, loc: Loc) => void): void {
  switch (val.t) {
    case 'ref': add(val.target, val.loc); break;
    case 'list': for (const item of val.items) collectRefs(item, add); break;
    case 'obj': for (const e of val.entries) collectRefs(e.value, add); break;
    case 'unknown': for (const b of val.branches ?? []) collectRefs(b, add); break;
  }
}
