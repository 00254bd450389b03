// Resolved `Properties` kept from one build of a template to the next. After an edit, the YAML
// reader (yamlChunks.ts) hands back the very same raw trees for the resources whose text did not
// change; what such a tree resolves to depends only on it and the template context, so it is
// reused while the context is the same.
import type { Val } from '../model';
import type { IntrinsicResolver, TemplateContext } from './intrinsics';

/** What resolution reads besides the raw tree: one entry per TemplateContext field, so a field
 *  added there does not compile until it is accounted for here. */
type Fingerprint = Record<keyof TemplateContext, unknown>;

const resolved = new WeakMap<Val, { context: object; val: Val }>();
const contexts = new Map<string, { fingerprint: Fingerprint; id: object }>();
const MAX_FILES = 32;

export class ResolveCache {
  /** Same object as the previous build's when the context is the same. */
  readonly context: object;

  constructor(ctx: TemplateContext, private readonly resolver: IntrinsicResolver) {
    const fingerprint: Fingerprint = {
      // A raw tree is reused only at the same place in the same chunk text, so the source text
      // under its locations is the same.
      source: ctx.source.file,
      // Parameters and Mappings by content and place, not identity: the first edit after a whole
      // parse reads them again into new objects, and must not make every resource new.
      parameters: [...ctx.parameters].flatMap(([name, p]) => [name, p.type, p.default && JSON.stringify(p.default)]),
      mappings: ctx.mappings && JSON.stringify(ctx.mappings),
      resourceTypes: flatEntries(ctx.resourceTypes),
      region: ctx.region,
    };
    const file = ctx.source.file;
    const last = contexts.get(file);
    if (last && sameFingerprint(last.fingerprint, fingerprint)) {
      this.context = last.id;
      return;
    }
    this.context = {};
    contexts.delete(file);
    contexts.set(file, { fingerprint, id: this.context });
    if (contexts.size > MAX_FILES) contexts.delete(contexts.keys().next().value!);
  }

  resolve(raw: Val): Val {
    const hit = resolved.get(raw);
    if (hit?.context === this.context) return hit.val;
    const val = this.resolver.resolve(raw);
    resolved.set(raw, { context: this.context, val });
    return val;
  }
}

/** A map's keys and values in one list, made without an array per entry (every keystroke makes one). */
function flatEntries(map: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  map.forEach((value, key) => { out.push(key, value); });
  return out;
}

function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return (Object.keys(b) as (keyof TemplateContext)[]).every(k => {
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
    return x === y;
  });
}
