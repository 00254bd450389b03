// Resolves HCL expressions the way Terraform would, as far as the module alone allows: literals,
// templates, variables (defaults overridden by tfvars), locals, count/each, resource references and
// a handful of functions. Anything else is `unknown` with the reason.
import type { Loc, ObjEntry, RefVal, StrPart, StrVal, Val } from '../model';
import { attrOf, type Expr, type TemplatePart } from './ast';
import { FILE_FUNCTIONS, fileFunction, ModuleFiles } from './files';
import { callFunction } from './funcs';
import { unescapeQuoted } from './lower';
import type { ModuleIndex } from './module';
import type { Expansion } from './expand';
import { at, entry, isNull, isUnexpanded, list, markUnexpanded, relocate, scalarString, tag, unknown } from './vals';

/** Per-instance context: the file an expression sits in, count.index, each.key/value. */
export interface Env {
  file: string;
  count?: number | 'unknown';
  each?: { key: Val; value: Val } | 'unknown';
  /** for-expression and splat variables. */
  scope?: Map<string, Val>;
}

/** Where a heredoc string came from, for reading it as a policy document. */
export interface HeredocSource { heredoc: Extract<Expr, { k: 'str' }>; env: Env }
/** A `data.aws_iam_policy_document.<name>.json` reference. */
export interface PolicyDocumentRef { document: string }

const MAX_ITEMS = 1024;
const MAX_DEPTH = 64;

export interface RegionSource {
  /** The region value seen by a data "aws_region" block (provider region or its own argument). */
  dataRegion(dataName: string, loc: Loc, expr: string): Val;
}

export class Evaluator {
  private readonly localValues = new Map<string, Val | 'pending'>();
  private readonly varValues = new Map<string, Val>();
  private depth = 0;

  constructor(
    readonly mod: ModuleIndex,
    private readonly expansion: (key: string) => Expansion,
    private readonly regions: RegionSource,
    private readonly files: ModuleFiles = new ModuleFiles('.'),
  ) {}

  eval(e: Expr, env: Env): Val {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      return unknown(at(env.file, e.range), 'expression nested too deeply');
    }
    try {
      return this.evalInner(e, env);
    } finally {
      this.depth--;
    }
  }

  private evalInner(e: Expr, env: Env): Val {
    const loc = at(env.file, e.range);
    switch (e.k) {
      case 'str': return this.template(e, env, loc);
      case 'num': return { t: 'num', v: e.value, loc };
      case 'bool': return { t: 'bool', v: e.value, loc };
      case 'null': return unknown(loc, 'null');
      case 'var': {
        const bound = env.scope?.get(e.name);
        return bound ? relocate(bound, loc) : unknown(loc, `\`${e.name}\` is not something this module defines`);
      }
      case 'attr': {
        const root = this.rootReference(e, env, loc);
        if (root) return root;
        return getAttr(this.eval(e.obj, env), e.name, loc);
      }
      case 'index': {
        const root = this.rootReference(e, env, loc);
        if (root) return root;
        return getIndex(this.eval(e.obj, env), this.eval(e.key, env), loc);
      }
      case 'splat': return this.splat(this.eval(e.obj, env), e.each, env, loc);
      case 'tuple': {
        const items = e.items.slice(0, MAX_ITEMS).map((i) => this.eval(i, env));
        return list(items, loc, e.items.length <= MAX_ITEMS);
      }
      case 'object': {
        const entries: ObjEntry[] = [];
        for (const item of e.items.slice(0, MAX_ITEMS)) {
          const key = item.name ?? scalarString(this.eval(item.key, env));
          if (key === undefined) return unknown(loc, 'object key not known');
          const keyRange = item.key.k === 'str' && item.key.parts.length === 1 ? item.key.parts[0].range : item.key.range;
          entries.push({ key, keyLoc: at(env.file, keyRange), value: this.eval(item.value, env) });
        }
        return { t: 'obj', entries, loc };
      }
      case 'call': {
        if (e.expand) return unknown(loc, `${e.name}(...) with expanded arguments`);
        const args = e.args.map((a) => this.eval(a, env));
        return FILE_FUNCTIONS.has(e.name) ? fileFunction(e.name, args, loc, this.files) : callFunction(e.name, args, loc);
      }
      case 'for': return this.forExpr(e, env, loc);
      case 'cond': {
        const test = this.eval(e.test, env);
        if (test.t !== 'bool') return unknown(loc, 'condition not known');
        return relocate(this.eval(test.v ? e.then : e.else, env), loc);
      }
      case 'op': return operate(e.op, e.args.map((a) => this.eval(a, env)), loc);
      case 'bad': return unknown(loc, 'syntax error');
    }
  }

  private template(e: Extract<Expr, { k: 'str' }>, env: Env, loc: Loc): Val {
    const only = e.parts.length === 1 ? e.parts[0] : undefined;
    // "${x}" alone yields x itself, not its string form (Terraform keeps lists and objects).
    if (only && 'expr' in only && !e.heredoc) return relocate(this.eval(only.expr, env), loc);
    const parts: StrPart[] = e.parts.flatMap((p) => this.templatePart(p, env, !!e.heredoc));
    const known = parts.every((p) => p.value !== undefined);
    const val: StrVal = { t: 'str', parts, loc };
    if (known) val.v = parts.map((p) => p.value).join('');
    return e.heredoc ? tag(val, { heredoc: e, env } satisfies HeredocSource) : val;
  }

  private templatePart(p: TemplatePart, env: Env, heredoc: boolean): StrPart | StrPart[] {
    const loc = at(env.file, p.range);
    if ('text' in p) {
      // `text` is the resolved text (as JSON strings do): rules count characters in it.
      const value = heredoc ? p.text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') : unescapeQuoted(p.text);
      return { text: value, value, loc };
    }
    if ('directive' in p) return { expr: p.directive, loc };
    const val = this.eval(p.expr, env);
    // A function result that keeps the region somewhere inside: its pieces join the template.
    if (val.t === 'str' && val.v === undefined && val.parts.length > 1 && val.parts.some((x) => x.isRegion)) return val.parts;
    const part: StrPart = { expr: p.src, loc };
    const s = scalarString(val);
    if (s !== undefined) part.value = s;
    if (isRegionValue(val)) part.isRegion = true;
    return part;
  }

  /** `var.x`, `local.x`, `count.index`, `each.key`, `aws_vpc.main`, `data.t.n`, `module.m`...:
   *  the value of a traversal root, or undefined when `e` is not one. */
  private rootReference(e: Expr, env: Env, loc: Loc): Val | undefined {
    if (e.k !== 'attr') return undefined;
    const names: string[] = [];
    let cur: Expr = e;
    while (cur.k === 'attr') { names.unshift(cur.name); cur = cur.obj; }
    if (cur.k !== 'var' || env.scope?.has(cur.name)) return undefined;
    const root = cur.name;
    const path = [root, ...names];
    switch (root) {
      case 'var': return names.length === 1 ? this.variable(names[0], loc) : undefined;
      case 'local': return names.length === 1 ? this.local(names[0], loc) : undefined;
      case 'count':
        if (names.length !== 1 || names[0] !== 'index') return undefined;
        return typeof env.count === 'number' ? { t: 'num', v: env.count, loc } : unknown(loc, 'count.index of a resource whose count is not known');
      case 'each':
        if (names.length !== 1 || (names[0] !== 'key' && names[0] !== 'value')) return undefined;
        if (!env.each || env.each === 'unknown') return unknown(loc, `each.${names[0]} of a resource whose for_each is not known`);
        return relocate(names[0] === 'key' ? env.each.key : env.each.value, loc);
      case 'module': return names.length === 1 ? unknown(loc, `module output \`module.${names[0]}\``) : undefined;
      case 'path':
        if (names.length === 1 && names[0] === 'module') return { t: 'str', v: this.files.dir, parts: [{ expr: 'path.module', value: this.files.dir, loc }], loc };
        return names.length === 1 ? unknown(loc, `\`${path.join('.')}\``) : undefined;
      case 'terraform': case 'self':
        return names.length === 1 ? unknown(loc, `\`${path.join('.')}\``) : undefined;
      case 'data': return names.length === 3 || (names.length === 2 && names[0] !== 'aws_region') ? this.dataSource(names, loc) : undefined;
      default:
        if (names.length === 1 && this.mod.resourceTypes.has(root)) return this.resourceCollection(`${root}.${names[0]}`, loc);
        if (names.length === 1 && /^[a-z0-9]+_[a-z0-9_]+$/.test(root)) {
          return unknown(loc, `\`${root}.${names[0]}\` is not declared in this module`);
        }
        return undefined;
    }
  }

  private variable(name: string, loc: Loc): Val {
    let val = this.varValues.get(name);
    if (!val) {
      val = this.variableValue(name, loc);
      this.varValues.set(name, val);
    }
    return relocate(val, loc);
  }

  private variableValue(name: string, loc: Loc): Val {
    // A -var-file overrides terraform.tfvars and *.auto.tfvars, so a variable that such a file sets
    // has no value we can rely on.
    const varFile = this.mod.varFileVars.get(name);
    if (varFile) return unknown(loc, `variable \`${name}\` is set by \`${varFile.replace(/\\/g, '/').split('/').pop()}\`, loaded only with -var-file`);
    const given = this.mod.varValues.get(name);
    if (given) return 'val' in given ? given.val : this.eval(given.attr.value, { file: given.file });
    const decl = this.mod.variables.get(name);
    if (!decl) return unknown(loc, `variable \`${name}\` is not declared`);
    const def = attrOf(decl.node, 'default');
    if (!def) return unknown(loc, `variable \`${name}\` has no default`);
    return this.eval(def.value, { file: decl.file });
  }

  private local(name: string, loc: Loc): Val {
    const done = this.localValues.get(name);
    if (done === 'pending') return unknown(loc, `local \`${name}\` refers to itself`);
    if (done) return relocate(done, loc);
    const decl = this.mod.locals.get(name);
    if (!decl) return unknown(loc, `local \`${name}\` is not declared`);
    this.localValues.set(name, 'pending');
    const val = this.eval(decl.node.value, { file: decl.file });
    this.localValues.set(name, val);
    return relocate(val, loc);
  }

  private dataSource(names: string[], loc: Loc): Val {
    const [type, name, attr] = names;
    const key = `${type}.${name}`;
    if (!this.mod.data.has(key)) return unknown(loc, `\`data.${key}\` is not declared in this module`);
    if (type === 'aws_region' && (attr === 'name' || attr === 'region' || attr === 'id')) {
      return this.regions.dataRegion(name, loc, `data.${key}.${attr}`);
    }
    if (type === 'aws_iam_policy_document' && (attr === 'json' || attr === 'minified_json')) {
      return tag(unknown(loc, `policy document \`data.${key}\``), { document: key } satisfies PolicyDocumentRef);
    }
    return unknown(loc, `data source \`data.${key}${attr ? `.${attr}` : ''}\``);
  }

  /** `aws_subnet.a`: the instance itself, a list (count), a map (for_each), or for unknown
   *  count/for_each an incomplete list standing for every instance. */
  resourceCollection(key: string, loc: Loc): Val {
    const x = this.expansion(key);
    const ref = (target: string): RefVal => ({ t: 'ref', target, loc });
    switch (x.mode) {
      case 'single': return ref(key);
      case 'count': return list(x.instances.map((i) => ref(i.key)), loc);
      case 'for_each': return {
        t: 'obj', loc,
        entries: x.instances.map((i) => ({ key: String(i.index), keyLoc: loc, value: ref(i.key) })),
      };
      case 'unexpanded': return markUnexpanded(list([ref(key)], loc, false));
    }
  }

  private splat(val: Val, each: Expr, env: Env, loc: Loc): Val {
    if (isNull(val)) return list([], loc);
    if (val.t === 'unknown') return unknown(loc, val.why ?? 'not known');
    const items = val.t === 'list' ? val.items : [val];
    const out = items.slice(0, MAX_ITEMS).map((item) => {
      const scope = new Map(env.scope ?? []);
      scope.set('', item);
      return this.eval(each, { ...env, scope });
    });
    const result = list(out, loc, val.t === 'list' ? val.complete && items.length <= MAX_ITEMS : true);
    return isUnexpanded(val) ? markUnexpanded(result) : result;
  }

  private forExpr(e: Extract<Expr, { k: 'for' }>, env: Env, loc: Loc): Val {
    const coll = this.eval(e.coll, env);
    let pairs: [Val, Val][];
    let complete = true;
    if (coll.t === 'list') {
      pairs = coll.items.map((v, i) => [{ t: 'num', v: i, loc: v.loc }, v]);
      complete = coll.complete;
    } else if (coll.t === 'obj') {
      pairs = coll.entries.map((en) => [{ t: 'str', v: en.key, parts: [{ text: en.key, value: en.key, loc: en.keyLoc }], loc: en.keyLoc }, en.value]);
    } else return unknown(loc, coll.t === 'unknown' ? coll.why ?? 'collection not known' : 'not a collection');
    if (pairs.length > MAX_ITEMS) return unknown(loc, 'collection too large');
    const items: Val[] = [];
    const entries: ObjEntry[] = [];
    for (const [k, v] of pairs) {
      const scope = new Map(env.scope ?? []);
      if (e.keyVar) scope.set(e.keyVar, k);
      scope.set(e.valVar, v);
      const inner: Env = { ...env, scope };
      if (e.cond) {
        const c = this.eval(e.cond, inner);
        if (c.t !== 'bool') { complete = false; continue; }
        if (!c.v) continue;
      }
      const value = this.eval(e.valExpr, inner);
      if (!e.isObject) { items.push(value); continue; }
      const key = scalarString(this.eval(e.keyExpr!, inner));
      if (key === undefined) return unknown(loc, 'for expression key not known');
      entries.push({ key, keyLoc: value.loc, value });
    }
    if (!e.isObject) return list(items, loc, complete);
    return complete ? { t: 'obj', entries, loc } : unknown(loc, 'for expression over an incomplete collection');
  }
}

function isRegionValue(val: Val): boolean {
  if (val.t === 'unknown') return !!val.isRegion;
  return val.t === 'str' && val.parts.length === 1 && !!val.parts[0].isRegion;
}

export function getAttr(val: Val, name: string, loc: Loc): Val {
  switch (val.t) {
    case 'obj': {
      const v = entry(val, name);
      return v ? relocate(v, loc) : unknown(loc, `no attribute \`${name}\``);
    }
    case 'ref':
      return val.attr === undefined ? { t: 'ref', target: val.target, attr: name, loc }
        : unknown(loc, `attribute \`${val.attr}.${name}\` of \`${val.target}\``);
    case 'unknown': return unknown(loc, val.why ?? 'not known');
    default: return unknown(loc, `no attribute \`${name}\``);
  }
}

export function getIndex(val: Val, key: Val, loc: Loc): Val {
  // Every instance of a resource with unknown count/for_each shares one block.
  if (isUnexpanded(val) && val.t === 'list') return relocate(val.items[0], loc);
  if (val.t === 'list') {
    if (key.t !== 'num' || !Number.isInteger(key.v)) return unknown(loc, 'index not known');
    const item = val.items[key.v];
    return item ? relocate(item, loc) : unknown(loc, 'index out of range');
  }
  if (val.t === 'obj') {
    const k = scalarString(key);
    if (k === undefined) return unknown(loc, 'key not known');
    const v = entry(val, k);
    return v ? relocate(v, loc) : unknown(loc, `no key \`${k}\``);
  }
  if (val.t === 'ref' && val.attr === undefined) return unknown(loc, `\`${val.target}\` has no instances`);
  return unknown(loc, val.t === 'unknown' ? val.why ?? 'not known' : 'not indexable');
}

function operate(op: string, args: Val[], loc: Loc): Val {
  const [a, b] = args;
  if (args.length === 1) {
    if (op === '-' && a.t === 'num') return { t: 'num', v: -a.v, loc };
    if (op === '!' && a.t === 'bool') return { t: 'bool', v: !a.v, loc };
    return unknown(loc, `\`${op}\` of an unknown value`);
  }
  if (!a || !b) return unknown(loc, 'incomplete expression');
  if (op === '&&' || op === '||') {
    if (a.t === 'bool' && b.t === 'bool') return { t: 'bool', v: op === '&&' ? a.v && b.v : a.v || b.v, loc };
    // false && x / true || x are known whatever x is.
    if (a.t === 'bool' && a.v === (op === '||')) return { t: 'bool', v: a.v, loc };
    return unknown(loc, 'operand not known');
  }
  if (op === '==' || op === '!=') {
    const x = comparable(a);
    const y = comparable(b);
    if (x === undefined || y === undefined) return unknown(loc, 'operand not known');
    return { t: 'bool', v: (x === y) === (op === '=='), loc };
  }
  if (a.t !== 'num' || b.t !== 'num') return unknown(loc, 'operand not known');
  switch (op) {
    case '+': return { t: 'num', v: a.v + b.v, loc };
    case '-': return { t: 'num', v: a.v - b.v, loc };
    case '*': return { t: 'num', v: a.v * b.v, loc };
    case '/': return b.v === 0 ? unknown(loc, 'division by zero') : { t: 'num', v: a.v / b.v, loc };
    case '%': return b.v === 0 ? unknown(loc, 'division by zero') : { t: 'num', v: a.v % b.v, loc };
    case '<': return { t: 'bool', v: a.v < b.v, loc };
    case '>': return { t: 'bool', v: a.v > b.v, loc };
    case '<=': return { t: 'bool', v: a.v <= b.v, loc };
    case '>=': return { t: 'bool', v: a.v >= b.v, loc };
    default: return unknown(loc, `operator \`${op}\``);
  }
}

/** A key for equality of known scalars (and null). */
function comparable(v: Val): string | undefined {
  if (isNull(v)) return 'null';
  if (v.t === 'str') return v.v === undefined ? undefined : `s:${v.v}`;
  if (v.t === 'num') return `n:${v.v}`;
  if (v.t === 'bool') return `b:${v.v}`;
  return undefined;
}
