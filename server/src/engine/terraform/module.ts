// The declarations of one module directory, gathered from all its files: what a reference like
// `var.x`, `local.y`, `aws_vpc.main` or `aws.west` points at.
import type { FileKind, Val } from '../model';
import { attrOf, blocksOf, type Attribute, type Block } from './ast';
import { oncePer } from '../collections';

export interface Declared<T> { node: T; file: string }

/** A variable value from a tfvars file: HCL (an expression) or JSON (already a value). */
export type VarValue = { attr: Attribute; file: string } | { val: Val; file: string };

export interface ModuleFile {
  path: string;
  kind: FileKind;
  blocks: Block[];
  attrs: Attribute[];
  /** `.tfvars.json` values. */
  jsonVars?: { name: string; val: Val }[];
}

export class ModuleIndex {
  readonly variables = new Map<string, Declared<Block>>();
  /** The tfvars value that wins (terraform.tfvars, then *.auto.tfvars in lexical order). */
  readonly varValues = new Map<string, VarValue>();
  readonly locals = new Map<string, Declared<Attribute>>();
  /** Variables a tfvars file loaded only with `-var-file` sets (`dev.tfvars`) -> that file: their
   *  value may differ between deployments, so a default does not tell it. */
  readonly varFileVars = new Map<string, string>();
  /** `aws_vpc.main` -> block, in file order. */
  readonly resources = new Map<string, Declared<Block>>();
  /** `aws_region.current` -> block. */
  readonly data = new Map<string, Declared<Block>>();
  /** `endpoints` -> its `module` block. */
  readonly modules = new Map<string, Declared<Block>>();
  /** `aws` / `aws.west` -> provider block. */
  readonly providers = new Map<string, Declared<Block>>();
  readonly terraform: Declared<Block>[] = [];
  readonly resourceTypes = new Set<string>();

  constructor(readonly files: ModuleFile[]) {
    for (const f of files) {
      if (f.kind !== 'terraform' && f.kind !== 'terraform-json') continue;
      for (let i = 0; i < f.blocks.length; i++) this.declare(f.blocks[i], f.path);
    }
    for (const f of files.filter((x) => isAutoLoaded(x.path)).sort((a, b) => varFileOrder(a.path, b.path))) {
      for (const a of f.attrs) this.varValues.set(a.name, { attr: a, file: f.path });
      for (const j of f.jsonVars ?? []) this.varValues.set(j.name, { val: j.val, file: f.path });
    }
    for (const f of files) {
      if ((f.kind !== 'tfvars' && f.kind !== 'tfvars-json') || isAutoLoaded(f.path)) continue;
      for (const name of [...f.attrs.map((a) => a.name), ...(f.jsonVars ?? []).map((j) => j.name)]) {
        if (!this.varFileVars.has(name)) this.varFileVars.set(name, f.path);
      }
    }
  }

  private declare(b: Block, file: string): void {
    const l0 = b.labels[0]?.value;
    switch (b.type) {
      case 'variable': if (l0 !== undefined && !this.variables.has(l0)) this.variables.set(l0, { node: b, file }); break;
      case 'locals': for (const a of b.attrs) if (!this.locals.has(a.name)) this.locals.set(a.name, { node: a, file }); break;
      case 'resource': {
        const key = addressOf(b);
        if (key !== undefined && !this.resources.has(key)) {
          this.resources.set(key, { node: b, file });
          this.resourceTypes.add(l0!);
        }
        break;
      }
      case 'data': {
        const key = addressOf(b);
        if (key !== undefined) this.data.set(key, { node: b, file });
        break;
      }
      case 'module': if (l0 !== undefined && !this.modules.has(l0)) this.modules.set(l0, { node: b, file }); break;
      case 'provider': {
        if (l0 === undefined) break;
        const alias = attrOf(b, 'alias');
        const aliasName = alias?.value.k === 'str' && alias.value.parts.length === 1 && 'text' in alias.value.parts[0]
          ? alias.value.parts[0].text : undefined;
        const key = aliasName ? `${l0}.${aliasName}` : l0;
        if (!this.providers.has(key)) this.providers.set(key, { node: b, file });
        break;
      }
      case 'terraform': this.terraform.push({ node: b, file }); break;
    }
  }

  /** The `version` constraint of the aws provider in `required_providers`, if written. */
  awsVersionConstraint(): string | undefined {
    for (const t of this.terraform) {
      for (const rp of blocksOf(t.node, 'required_providers')) {
        const aws = attrOf(rp, 'aws');
        if (aws?.value.k === 'object') {
          const v = aws.value.items.find((i) => i.name === 'version')?.value;
          if (v?.k === 'str' && v.parts.every((p) => 'text' in p)) return v.parts.map((p) => ('text' in p ? p.text : '')).join('');
        } else if (aws?.value.k === 'str' && aws.value.parts.every((p) => 'text' in p)) {
          return aws.value.parts.map((p) => ('text' in p ? p.text : '')).join(''); // legacy `aws = "~> 4.0"`
        }
      }
    }
    return undefined;
  }
}

/** `type.name` of a resource or data block, made once per block: the index is built again on
 *  every keystroke, and blocks the keystroke did not touch are the same objects. */
const addressOf = oncePer((b: Block): string | undefined => {
  const [type, name] = b.labels;
  return type?.value !== undefined && name?.value !== undefined ? `${type.value}.${name.value}` : undefined;
});

function baseName(path: string): string { return path.replace(/\\/g, '/').split('/').pop() ?? path; }

/** Files Terraform loads without `-var-file`: terraform.tfvars(.json) and *.auto.tfvars(.json). */
export function isAutoLoaded(path: string): boolean {
  const name = baseName(path);
  return name === 'terraform.tfvars' || name === 'terraform.tfvars.json'
    || name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json');
}

/** terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars(.json) by name: later wins. */
function varFileOrder(a: string, b: string): number {
  const rank = (p: string) => (baseName(p) === 'terraform.tfvars' ? 0 : baseName(p) === 'terraform.tfvars.json' ? 1 : 2);
  const r = rank(a) - rank(b);
  if (r) return r;
  const na = baseName(a);
  const nb = baseName(b);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Whether an aws provider version constraint admits a 6.x release (`.region` over `.name`). */
export function allowsAwsV6(constraint: string | undefined): boolean {
  if (!constraint) return true;
  return constraint.split(',').every((clause) => {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(clause);
    if (!m) return true;
    const [, op = '=', majS, minS, patchS] = m;
    const major = Number(majS);
    switch (op) {
      case '<': return major > 6 || (major === 6 && (Number(minS ?? 0) > 0 || Number(patchS ?? 0) > 0));
      case '<=': return major >= 6;
      case '=': return major >= 6;
      case '~>': return major >= 6 || (minS === undefined && patchS === undefined);
      default: return true;
    }
  });
}
