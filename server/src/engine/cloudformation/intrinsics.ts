// Resolves CloudFormation intrinsic functions in a raw value tree. What cannot be known before
// deployment (AWS::AccountId, Fn::ImportValue, a parameter without default) becomes `unknown`.
import type { ListVal, Loc, ObjVal, StrPart, StrVal, UnknownVal, Val } from '../model';
import { partitionOf } from '../data/regions';
import type { TemplateSource } from './source';

export interface Parameter { type?: string; default?: Val }

export interface TemplateContext {
  source: TemplateSource;
  parameters: Map<string, Parameter>;
  mappings?: ObjVal;
  /** Logical id -> resource Type. */
  resourceTypes: Map<string, string>;
  /** Region assumed for the template (`--region` / setting). */
  region?: string;
}

/** Intrinsics nest a few levels in real templates; deeper is hostile or broken input. */
const MAX_DEPTH = 100;

export class IntrinsicResolver {
  constructor(private readonly ctx: TemplateContext) {}

  resolve(val: Val, depth = 0): Val {
    if (depth > MAX_DEPTH) return unknown('nested too deeply', val.loc);
    if (val.t === 'list') return { ...val, items: val.items.map(item => this.resolve(item, depth + 1)) };
    if (val.t !== 'obj') return val;
    const fn = intrinsicName(val);
    if (fn) return this.call(fn, val.entries[0].value, val.loc, depth + 1);
    return { ...val, entries: val.entries.map(e => ({ ...e, value: this.resolve(e.value, depth + 1) })) };
  }

  /** The value of `Ref name` at `loc`. */
  ref(name: string, loc: Loc, depth = 0): Val {
    const { region } = this.ctx;
    if (name === 'AWS::Region') {
      if (region === undefined) return { t: 'unknown', why: 'AWS::Region', isRegion: true, loc };
      return { t: 'str', v: region, parts: [{ expr: name, value: region, isRegion: true, loc }], loc };
    }
    if (name === 'AWS::Partition' && region !== undefined) {
      // A region no partition claims leaves the partition unknown rather than guessed.
      const partition = partitionOf(region)?.id;
      if (partition) return { t: 'str', v: partition, parts: [{ expr: name, value: partition, loc }], loc };
    }
    if (name.startsWith('AWS::')) return unknown(name, loc);
    const param = this.ctx.parameters.get(name);
    if (param) {
      if (!param.default) return unknown(`parameter ${name}`, loc);
      // The default of an SSM parameter type is the parameter's path, not its value.
      if (param.type?.startsWith('AWS::SSM::Parameter::')) return unknown(`SSM parameter ${name}`, loc);
      return withOrigin(this.parameterValue(param, param.default, depth), loc);
    }
    if (this.ctx.resourceTypes.has(name)) return { t: 'ref', target: name, loc };
    return unknown(`unresolved Ref ${name}`, loc);
  }

  private parameterValue(param: Parameter, value: Val, depth: number): Val {
    const resolved = this.resolve(value, depth + 1);
    const isList = param.type !== undefined && (param.type.startsWith('List<') || param.type === 'CommaDelimitedList');
    if (isList && resolved.t === 'str' && resolved.v !== undefined) return this.split(',', resolved, resolved.loc);
    return resolved;
  }

  private call(fn: string, arg: Val, loc: Loc, depth: number): Val {
    switch (fn) {
      case 'Ref': {
        const name = this.resolve(arg, depth);
        return name.t === 'str' && name.v !== undefined ? this.ref(name.v, loc, depth) : unknown('Ref', loc);
      }
      case 'Fn::Sub': return this.sub(arg, loc, depth);
      case 'Fn::Join': return this.join(arg, loc, depth);
      case 'Fn::Select': return this.select(arg, loc, depth);
      case 'Fn::If': return this.ifThen(arg, loc, depth);
      case 'Fn::GetAtt': return this.getAtt(arg, loc, depth);
      case 'Fn::FindInMap': return this.findInMap(arg, loc, depth);
      case 'Fn::Split': {
        const args = this.args(arg, 2, depth);
        const delim = args && knownStr(args[0]);
        const source = args?.[1];
        if (delim === undefined || source?.t !== 'str' || source.v === undefined) return unknown(fn, loc);
        return this.split(delim, source, loc);
      }
      default:
        // Fn::ImportValue, Fn::GetAZs, Fn::Base64, Fn::Cidr...: only known once deployed.
        return unknown(fn, loc);
    }
  }

  /** Arguments of a list-taking function, resolved; undefined when not a list of at least `min`. */
  private args(arg: Val, min: number, depth: number): Val[] | undefined {
    if (arg.t !== 'list' || arg.items.length < min) return undefined;
    return arg.items.map(item => this.resolve(item, depth + 1));
  }

  private sub(arg: Val, loc: Loc, depth: number): Val {
    let template: Val = arg;
    let vars: ObjVal | undefined;
    if (arg.t === 'list') {
      template = arg.items[0] ?? arg;
      const second = arg.items[1];
      if (second?.t === 'obj') vars = second;
    }
    if (template.t !== 'str' || template.v === undefined) return unknown('Fn::Sub', loc);
    const text = template.v;
    const parts: StrPart[] = [];
    const literal = (from: number, to: number) => {
      if (to > from) parts.push({ text: text.slice(from, to), loc: this.ctx.source.subLoc(template as StrVal, from, to) });
    };
    let pos = 0;
    let chunkStart = 0;
    while (pos < text.length) {
      const open = text.indexOf('${', pos);
      if (open < 0) break;
      const close = text.indexOf('}', open + 2);
      if (close < 0) break;
      if (text[open + 2] === '!') {
        // `${!Literal}` is the literal `${Literal}`: the `!` is dropped, the rest is text.
        literal(chunkStart, open + 2);
        chunkStart = open + 3;
        pos = close + 1;
        continue;
      }
      literal(chunkStart, open);
      const expr = text.slice(open + 2, close).trim();
      const exprLoc = this.ctx.source.subLoc(template, open, close + 1);
      const bound = vars?.entries.find(e => e.key === expr);
      const value = bound ? this.resolve(bound.value, depth + 1) : this.subVariable(expr, exprLoc, depth);
      parts.push(partOf(expr, value, exprLoc));
      chunkStart = close + 1;
      pos = close + 1;
    }
    literal(chunkStart, text.length);
    return strOf(parts, loc);
  }

  /** A `${Name}` or `${Resource.Attr}` of Fn::Sub without a variable map entry. */
  private subVariable(expr: string, loc: Loc, depth: number): Val {
    const dot = expr.indexOf('.');
    if (dot > 0 && !expr.startsWith('AWS::')) {
      const target = expr.slice(0, dot);
      if (this.ctx.resourceTypes.has(target)) return { t: 'ref', target, attr: expr.slice(dot + 1), loc };
      return unknown(`Fn::GetAtt ${expr}`, loc);
    }
    return this.ref(expr, loc, depth);
  }

  private join(arg: Val, loc: Loc, depth: number): Val {
    const args = this.args(arg, 2, depth);
    const delim = args?.[0];
    const list = args?.[1];
    if (delim?.t !== 'str' || delim.v === undefined || list?.t !== 'list' || !list.complete) return unknown('Fn::Join', loc);
    const parts: StrPart[] = [];
    list.items.forEach((item, i) => {
      if (i > 0 && delim.v !== '') parts.push(...delim.parts);
      if (item.t === 'str') parts.push(...item.parts);
      else parts.push(partOf(exprOf(item), item, item.loc));
    });
    return strOf(parts, loc);
  }

  private select(arg: Val, loc: Loc, depth: number): Val {
    const args = this.args(arg, 2, depth);
    if (!args) return unknown('Fn::Select', loc);
    const [indexVal, list] = args;
    const index = indexVal.t === 'num' ? indexVal.v
      : indexVal.t === 'str' && indexVal.v !== undefined && /^\d+$/.test(indexVal.v) ? Number(indexVal.v) : undefined;
    if (index === undefined) return unknown('Fn::Select', loc);
    if (arg.t === 'list' && this.deploymentZones(arg.items[1], depth)) {
      // Unknown until deployed, but the same index is the same zone throughout the template.
      return { t: 'str', parts: [{ expr: `Fn::Select ${index} of Fn::GetAZs`, loc }], loc, azIndex: index };
    }
    if (list.t === 'unknown') return unknown(`${list.why ?? 'unknown list'} index ${index}`, loc);
    if (list.t !== 'list' || !list.complete || index >= list.items.length) return unknown('Fn::Select', loc);
    return list.items[index];
  }

  /** `Fn::GetAZs` of the deployment region: `''` or `AWS::Region` (or the region assumed). */
  private deploymentZones(raw: Val | undefined, depth: number): boolean {
    if (raw?.t !== 'obj' || intrinsicName(raw) !== 'Fn::GetAZs') return false;
    const region = this.resolve(raw.entries[0].value, depth + 1);
    if (region.t === 'unknown') return region.isRegion === true;
    return region.t === 'str' && (region.v === '' || (region.v !== undefined && region.v === this.ctx.region));
  }

  private ifThen(arg: Val, loc: Loc, depth: number): Val {
    const args = this.args(arg, 3, depth);
    const condition = args && knownStr(args[0]);
    if (!args || condition === undefined) return unknown('Fn::If', loc);
    const [, whenTrue, whenFalse] = args;
    if (sameValue(whenTrue, whenFalse)) return whenTrue;
    return { t: 'unknown', why: condition, branches: [whenTrue, whenFalse], loc };
  }

  private getAtt(arg: Val, loc: Loc, depth: number): Val {
    let target: string | undefined;
    let attr: string | undefined;
    const resolved = this.resolve(arg, depth);
    if (resolved.t === 'str' && resolved.v !== undefined) {
      const dot = resolved.v.indexOf('.');
      if (dot > 0) { target = resolved.v.slice(0, dot); attr = resolved.v.slice(dot + 1); }
    } else if (resolved.t === 'list' && resolved.items.length >= 2) {
      target = knownStr(resolved.items[0]);
      attr = knownStr(resolved.items[1]);
    }
    if (target === undefined || attr === undefined || !this.ctx.resourceTypes.has(target)) return unknown('Fn::GetAtt', loc);
    return { t: 'ref', target, attr, loc };
  }

  private findInMap(arg: Val, loc: Loc, depth: number): Val {
    const args = this.args(arg, 3, depth);
    const keys = args?.slice(0, 3).map(knownStr);
    if (!args || !keys || keys.some(k => k === undefined)) return unknown('Fn::FindInMap', loc);
    let node: Val | undefined = this.ctx.mappings;
    for (const key of keys) node = node?.t === 'obj' ? node.entries.find(e => e.key === key)?.value : undefined;
    if (node) return withOrigin(this.resolve(node, depth + 1), loc);
    // The language extension's 4th argument: `{DefaultValue: x}`.
    const fallback = args[3]?.t === 'obj' ? args[3].entries.find(e => e.key === 'DefaultValue')?.value : undefined;
    return fallback ?? unknown('Fn::FindInMap', loc);
  }

  private split(delim: string, source: StrVal, loc: Loc): ListVal {
    const text = source.v ?? '';
    const items: Val[] = [];
    let from = 0;
    for (const piece of delim === '' ? [text] : text.split(delim)) {
      const pieceLoc = this.ctx.source.subLoc(source, from, from + piece.length);
      items.push({ t: 'str', v: piece, parts: [{ text: piece, loc: pieceLoc }], loc: pieceLoc });
      from += piece.length + delim.length;
    }
    return { t: 'list', items, complete: true, loc };
  }
}

/** `Ref` or `Fn::*` when the object is an intrinsic function call. */
export function intrinsicName(val: ObjVal): string | undefined {
  if (val.entries.length !== 1) return undefined;
  const key = val.entries[0].key;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

function unknown(why: string, loc: Loc): UnknownVal {
  return { t: 'unknown', why, loc };
}

function knownStr(val: Val | undefined): string | undefined {
  return val?.t === 'str' ? val.v : undefined;
}

/** A value used at another place (a parameter default at its `Ref`): located at the use, with
 *  where it was written as its origin. */
function withOrigin(val: Val, loc: Loc): Val {
  switch (val.t) {
    case 'str': case 'num': case 'bool': case 'list': case 'obj':
      return { ...val, loc, origin: val.origin ?? val.loc };
    default:
      return { ...val, loc };
  }
}

function exprOf(val: Val): string {
  if (val.t === 'ref') return val.attr ? `${val.target}.${val.attr}` : val.target;
  if (val.t === 'unknown') return val.why ?? 'unknown';
  return val.t;
}

/** One interpolated piece of a string for a resolved value. */
function partOf(expr: string, val: Val, loc: Loc): StrPart {
  const part: StrPart = { expr, loc };
  if (val.t === 'str') {
    if (val.v !== undefined) part.value = val.v;
    if (val.parts.some(p => p.isRegion)) part.isRegion = val.parts.length === 1;
  } else if (val.t === 'num' || val.t === 'bool') {
    part.value = String(val.v);
  } else if (val.t === 'unknown' && val.isRegion) {
    part.isRegion = true;
  }
  if (!part.isRegion) delete part.isRegion;
  return part;
}

function strOf(parts: StrPart[], loc: Loc): StrVal {
  const known = parts.every(p => p.text !== undefined || p.value !== undefined);
  const str: StrVal = { t: 'str', parts, loc };
  if (known) str.v = parts.map(p => p.text ?? p.value).join('');
  return str;
}

function sameValue(a: Val, b: Val): boolean {
  if (a.t !== b.t) return false;
  switch (a.t) {
    case 'str': return a.v !== undefined && a.v === (b as StrVal).v;
    case 'num': case 'bool': return a.v === (b as typeof a).v;
    case 'ref': return a.target === (b as typeof a).target && a.attr === (b as typeof a).attr;
    case 'list': {
      const other = b as ListVal;
      return a.complete && other.complete && a.items.length === other.items.length && a.items.every((x, i) => sameValue(x, other.items[i]));
    }
    case 'obj': {
      const other = b as ObjVal;
      return a.entries.length === other.entries.length
        && a.entries.every(e => { const o = other.entries.find(x => x.key === e.key); return o !== undefined && sameValue(e.value, o.value); });
    }
    default: return false;
  }
}
