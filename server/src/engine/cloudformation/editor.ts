// Builds fixes for a CloudFormation template: what to change comes in canonical terms, the
// YAML or JSON editor turns it into text edits that keep the template's layout.
import type { Editor, FileKind, Loc, NewResource, NewValue, ObjVal, Range, Resource, Val } from '../model';
import { JsonEditor } from './jsonEditor';
import { nativeTypeOf, propertyPath } from './resources';
import type { TemplateSource } from './source';
import { YamlTemplateEditor } from './yamlEditor';

export function createCloudFormationEditor(source: TemplateSource, kind: FileKind): Editor {
  return kind === 'cloudformation-json' ? new JsonEditor(source, 'cloudformation') : new YamlTemplateEditor(source);
}

/** Canonical properties that hold lists (a `refs` value there is a list even with one item). */
const LIST_PROPS = new Set(['subnets', 'security_groups', 'route_tables', 'vpcs', 'source_sgs']);

/** A property write in template terms: where (relative to the resource's property map) and what.
 *  In the value, `refs` of one key is one reference; lists of references are `list`s of those. */
export interface PropWrite { path: string[]; value: NewValue }

export function propWrite(kind: Resource['kind'], nativeType: string, prop: string, value: NewValue): PropWrite | undefined {
  const path = propertyPath(nativeType, kind, prop);
  if (!path) return undefined;
  let written = value;
  if (prop === 'inbound_resolver_only' && 'bool' in value) written = { str: value.bool ? 'OnlyInboundResolver' : 'AllResolvers' };
  if (kind === 'sg_ingress') {
    // An ingress rule names one CIDR / source group per rule.
    if ('list' in value && value.list.length) written = value.list[0];
    if ('refs' in value) written = { refs: value.refs.slice(0, 1) };
  } else if ('refs' in written && (LIST_PROPS.has(prop) || written.refs.length !== 1)) {
    written = { list: written.refs.map(key => ({ refs: [key] })) };
  }
  return { path: path.split('.'), value: written };
}

/** A new resource's `Type` and nested `Properties`, or undefined for kinds that have no type. */
export function newResourceBody(res: NewResource): { type: string; props: Record<string, NewValue> } | undefined {
  const type = nativeTypeOf(res.kind);
  if (!type) return undefined;
  const props: Record<string, NewValue> = {};
  for (const [prop, value] of Object.entries(res.props)) {
    const write = propWrite(res.kind, type, prop, value);
    if (!write) continue;
    let node = props;
    write.path.slice(0, -1).forEach(seg => {
      const existing = node[seg];
      const child: Record<string, NewValue> = existing && 'obj' in existing ? existing.obj : {};
      node[seg] = { obj: child };
      node = child;
    });
    node[write.path[write.path.length - 1]] = write.value;
  }
  return { type, props };
}

/** A logical id for a new resource: alphanumeric, as CloudFormation requires (a suggestion made
 *  from an odd existing id loses its other characters), and not taken. */
export function uniqueName(resources: ObjVal | undefined, suggested: string): string {
  const taken = new Set(resources?.entries.map(e => e.key));
  const name = suggested.replace(/[^A-Za-z0-9]/g, '') || 'Resource';
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(`${name}${n}`)) n++;
  return `${name}${n}`;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The node of a raw template tree written at `loc`, with its path from the root. */
export function findByLoc(root: Val | undefined, loc: Loc): { node: Val; path: (string | number)[] } | undefined {
  const walk = (node: Val, path: (string | number)[]): { node: Val; path: (string | number)[] } | undefined => {
    if (node.loc.file === loc.file && sameRange(node.loc.range, loc.range)) return { node, path };
    if (node.t === 'obj') {
      for (const e of node.entries) {
        const found = walk(e.value, [...path, e.key]);
        if (found) return found;
      }
    } else if (node.t === 'list') {
      for (let i = 0; i < node.items.length; i++) {
        const found = walk(node.items[i], [...path, i]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return root ? walk(root, []) : undefined;
}

/** Path of the map holding a resource's properties: `Resources.<id>.Properties`, or the inline
 *  rule itself for an sg_ingress written inside its security group. */
export function propertiesPath(root: Val | undefined, res: Resource): (string | number)[] | undefined {
  if (res.parent) return findByLoc(root, res.loc)?.path;
  return ['Resources', res.key, 'Properties'];
}

type KeyPath = (string | number)[];

/** Property writes on a resource as key paths from the template root; undefined when one of
 *  them has no place in the template. */
export function resourceWrites(root: Val | undefined, res: Resource, values: [string, NewValue][]): { path: KeyPath; value: NewValue }[] | undefined {
  const base = propertiesPath(root, res);
  const writes = values.map(([prop, value]) => propWrite(res.kind, res.nativeType, prop, value));
  if (!base || !writes.length || writes.some(w => !w)) return undefined;
  return writes.map(w => ({ path: [...base, ...w!.path], value: w!.value }));
}

/**
 * Several writes as one change. Writes whose path exists replace their value; the others become
 * one new entry per existing map and first missing key, their values merged, so a missing parent
 * (`Properties`, `DnsOptions`) is added once for all of them.
 */
export function planWrites<N>(writes: { path: KeyPath; value: NewValue }[], walk: (path: KeyPath) => { node?: N; missing: KeyPath }):
  { replace: { path: KeyPath; value: NewValue }[]; insert: { node: N; key: string; value: NewValue }[] } {
  const replace: { path: KeyPath; value: NewValue }[] = [];
  const insert: { node: N; key: string; value: NewValue }[] = [];
  for (const write of writes) {
    const at = walk(write.path);
    if (!at.missing.length || !at.node) { replace.push(write); continue; }
    const [key, ...rest] = at.missing;
    if (typeof key !== 'string' || rest.some(seg => typeof seg !== 'string')) continue;
    const value = (rest as string[]).reduceRight<NewValue>((inner, seg) => ({ obj: { [seg]: inner } }), write.value);
    const same = insert.find(i => i.node === at.node && i.key === key);
    if (same) same.value = mergeObj(same.value, value);
    else insert.push({ node: at.node, key, value });
  }
  return { replace, insert };
}

function mergeObj(a: NewValue, b: NewValue): NewValue {
  if (!('obj' in a) || !('obj' in b)) return b;
  const out = { ...a.obj };
  for (const [k, v] of Object.entries(b.obj)) out[k] = out[k] ? mergeObj(out[k], v) : v;
  return { obj: out };
}
