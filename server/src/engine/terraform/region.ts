// Which region each resource is created in: its own `region` argument (provider v6), else the
// provider it names (`provider = aws.west`), else the default `aws` provider. Also what
// `data.aws_region.<n>` yields, and the region expression fixes should write.
import type { Loc, RegionInfo, StrVal, Val } from '../model';
import { attrOf, IDENTIFIER, traversalPath, type Block } from './ast';
import type { Env, Evaluator, RegionSource } from './eval';
import { allowsAwsV6, type ModuleIndex } from './module';
import { at, tag, unknown } from './vals';

/** Side data of an unknown deployment region: the expression that reads it. */
export interface RegionTag { regionExpr: string }

export class Regions implements RegionSource {
  private readonly providerVals = new Map<string, Val | undefined>();
  private readonly regionExprs = new Map<string, string | undefined>();
  evaluator!: Evaluator;

  /** `regionUses`: each `data.aws_region.<n>.region` or `.name` the module's files use, in the
   *  order first used. */
  constructor(private readonly mod: ModuleIndex, private readonly regionUses: readonly string[]) {}

  /** `aws` or `aws.<alias>`, from a block's `provider` argument. */
  providerKeyOf(block: Block): string {
    const p = attrOf(block, 'provider');
    const path = p && traversalPath(p.value);
    return path ? path.join('.') : 'aws';
  }

  /** The provider's evaluated `region`, or undefined when it has no region argument. */
  private providerRegion(key: string): Val | undefined {
    if (this.providerVals.has(key)) return this.providerVals.get(key);
    const decl = this.mod.providers.get(key);
    const attr = decl && attrOf(decl.node, 'region');
    const val = attr && decl ? this.evaluator.eval(attr.value, { file: decl.file }) : undefined;
    this.providerVals.set(key, val);
    return val;
  }

  dataRegion(dataName: string, loc: Loc, expr: string): Val {
    const decl = this.mod.data.get(`aws_region.${dataName}`);
    if (!decl) return unknown(loc, `\`data.aws_region.${dataName}\` is not declared`, true);
    // v6 `region`, v5 `name`: the data source then describes that region, not the provider's.
    const own = attrOf(decl.node, 'region') ?? attrOf(decl.node, 'name');
    const source = own ? this.evaluator.eval(own.value, { file: decl.file }) : this.providerRegion(this.providerKeyOf(decl.node));
    if (source?.t !== 'str' || source.v === undefined) return tag(unknown(loc, 'the deployment region', true), { regionExpr: expr } satisfies RegionTag);
    const val: StrVal = { t: 'str', v: source.v, parts: [{ expr, value: source.v, isRegion: true, loc }], loc, origin: source.origin ?? source.loc };
    return val;
  }

  regionOf(block: Block, env: Env): RegionInfo {
    const own = attrOf(block, 'region');
    if (own) {
      const val = this.evaluator.eval(own.value, env);
      const path = traversalPath(own.value);
      const expr = path && (path[0] === 'var' || path[0] === 'local' || path[0] === 'data') ? path.join('.') : undefined;
      return info(val, 'argument `region`', expr);
    }
    return this.providerInfo(this.providerKeyOf(block));
  }

  /** The region of provider `aws` / `aws.<alias>`. */
  providerInfo(key: string): RegionInfo {
    const via = `provider \`${key}\``;
    const expr = this.regionExpr(key);
    const decl = this.mod.providers.get(key);
    if (!decl) return withExpr(key === 'aws' ? { deployment: true } : { deployment: true, via }, expr);
    const val = this.providerRegion(key);
    if (!val) return withExpr({ deployment: true, via, loc: at(decl.file, decl.node.labels[0]?.range ?? decl.node.typeRange) }, expr);
    return info(val, via, expr);
  }

  /** The expression a fix should write for the deployment region of provider `key`. Asked for
   *  every resource, and it reads every file's text: worked out once per provider. */
  regionExpr(key: string): string | undefined {
    if (!this.regionExprs.has(key)) this.regionExprs.set(key, this.findRegionExpr(key));
    return this.regionExprs.get(key);
  }

  private findRegionExpr(key: string): string | undefined {
    for (const [name, decl] of this.mod.data) {
      if (!name.startsWith('aws_region.') || attrOf(decl.node, 'region') || attrOf(decl.node, 'name')) continue;
      if (this.providerKeyOf(decl.node) !== key) continue;
      const dataName = name.slice('aws_region.'.length);
      if (!IDENTIFIER.test(dataName)) continue;
      return `data.aws_region.${dataName}.${this.regionAttribute(dataName)}`;
    }
    const attr = this.mod.providers.get(key) && attrOf(this.mod.providers.get(key)!.node, 'region');
    const path = attr && traversalPath(attr.value);
    return path && path.length === 2 && path[0] === 'var' ? path.join('.') : undefined;
  }

  /** `.region` or `.name`: whichever the module already uses, else what its aws provider
   *  version allows (`.name` is deprecated from v6, `.region` does not exist before). */
  private regionAttribute(dataName: string): 'region' | 'name' {
    const prefix = `data.aws_region.${dataName}.`;
    for (const use of this.regionUses) {
      if (use === `${prefix}region`) return 'region';
      if (use === `${prefix}name`) return 'name';
    }
    return allowsAwsV6(this.mod.awsVersionConstraint()) ? 'region' : 'name';
  }
}

function info(val: Val, via: string, expr: string | undefined): RegionInfo {
  if (val.t === 'str' && val.v !== undefined) {
    const literal = !val.origin && val.parts.length === 1 && val.parts[0].text !== undefined && val.parts[0].expr === undefined;
    return withExpr({ value: val.v, deployment: false, loc: val.loc, via, literal }, expr);
  }
  return withExpr({ deployment: true, loc: val.loc, via }, expr);
}

function withExpr(region: RegionInfo, expr: string | undefined): RegionInfo {
  if (expr) region.expr = expr;
  return region;
}
