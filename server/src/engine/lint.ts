// Runs the rules over a scope and turns their reports into diagnostics: severity from the
// configuration, inline and Metadata suppressions, syntax errors, and unused suppressions.
import type { Loc, Policy, Range, Resource, ResourceKind, Scope, Suppression, TextEdit, Val } from './model';
import type { Fix, LintOptions, RelatedInfo, Report, Rule, RuleContext, RuleMeta, Severity } from './rule';
import { ruleSetting, type VpceLintConfig } from './config';
import { fileOf, linesOf, textAt } from './fileIndex';
import { INTERNAL_ERROR, SYNTAX_ERROR, UNUSED_SUPPRESSION } from './rules/engine-diagnostics';
import { type ListName, type LintMemo, Tracker, withoutFixes } from './incremental';
import { groupBy } from './collections';
import { sameRange } from './rules/source-text';

export const DOCS_BASE_URL = 'https://github.com/vpce-lint/vpce-lint/blob/main/docs/rules/';

export interface Diagnostic {
  code: string;
  name: string;
  severity: Severity;
  message: string;
  loc: Loc;
  related: RelatedInfo[];
  fixes: Fix[];
  tags: ('unnecessary' | 'deprecated')[];
  docsUrl: string;
}

export function docsUrl(code: string): string {
  return `${DOCS_BASE_URL}${code}.md`;
}

/** A diagnostic as plain data, its fixes worked out: what a one-shot lint hands over once it has
 *  let go of the scope the fixes are worked out from. With `safe`, only its safe fixes: the
 *  suggestions of a rule that offers nothing else are not worked out at all. */
export function settled(d: Diagnostic, fixes: 'all' | 'safe' = 'all'): Diagnostic {
  let kept: Fix[];
  if (fixes === 'all') kept = d.fixes;
  else kept = d instanceof RuleDiagnostic && d.suggestionsOnly ? NONE : d.fixes.filter((f) => f.safe);
  return {
    code: d.code, name: d.name, severity: d.severity, message: d.message, loc: d.loc,
    related: d.related, fixes: kept, tags: d.tags, docsUrl: d.docsUrl,
  };
}

/** The start of a file: where findings about the whole file point. */
export function fileStart(file: string): Loc {
  return { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** A diagnostic the engine or an adapter reports itself (skipped file, internal or config error). */
export function engineDiagnostic(meta: RuleMeta, loc: Loc, message: string, severity: Severity = meta.severity): Diagnostic {
  return {
    code: meta.code, name: meta.name, severity, message, loc,
    related: [], fixes: [], tags: [], docsUrl: docsUrl(meta.code),
  };
}

/** A report of a rule (or the engine) waiting to become a diagnostic. The fixes are the report's,
 *  or, for a replayed report (which was kept without them), worked out again by running its step
 *  on this lint's scope: `replay` says which step. One object per report, no closures: a
 *  keystroke replays about a thousand of them. */
class Pending {
  /** `key`: the report as kept for replays, which the next lint's replay hands back. */
  constructor(readonly meta: RuleMeta, readonly report: Report, private readonly replay?: { ctx: Context; step: (item: any) => void; item: object },
    readonly key: Report = report) {}

  fixes(): Fix[] {
    const { replay, report } = this;
    if (replay) return replay.ctx.refix(replay.step, replay.item, report);
    const fixes = report.fixes;
    return typeof fixes === 'function' ? fixes() : fixes ?? [];
  }

  /** Whether there are fixes to work out at all. */
  get fixable(): boolean {
    return this.report.fixes !== undefined;
  }
}

/** Lints one scope. Every file of the scope gets an entry, so callers can clear stale results.
 *  With the memo of the scope's previous lint, steps whose inputs did not change are replayed. */
export function lintScope(scope: Scope, rules: readonly Rule[], config: VpceLintConfig, options: LintOptions, memo?: LintMemo): Map<string, Diagnostic[]> {
  const pending: Pending[] = [];
  const byKind = resourcesByKind(scope);
  const tracker = new Tracker(scope, byKind, allPolicies(scope), memo, JSON.stringify(options));
  for (const rule of rules) {
    if (!rule.meta.formats.includes(scope.format)) continue;
    if (ruleSetting(config, rule.meta.code, rule.meta.name) === 'off') continue;
    const ctx = new Context(scope, byKind, options, tracker, rule.meta, pending);
    tracker.ctx = ctx;
    try {
      tracker.check(() => rule.check(ctx));
    } catch (err) {
      // One broken rule must not take the others down: report it on the scope and go on.
      pending.push(new Pending(INTERNAL_ERROR, {
        loc: fileStart(scope.files[0]?.path ?? scope.id),
        message: `Rule ${rule.meta.code} (${rule.meta.name}) failed: ${err instanceof Error ? err.message : String(err)}`,
      }));
    }
  }
  tracker.commit();
  for (const file of scope.files) {
    for (const p of file.problems) pending.push(new Pending(SYNTAX_ERROR, { loc: p.loc, message: p.message }));
  }

  const out = new Map<string, Diagnostic[]>();
  for (const f of scope.files) out.set(f.path, []);
  // count/for_each instances report the same source once: findings are the same when code, place
  // and message are. Indexed by the line they start on (a number: a keystroke reports a thousand
  // findings, and building a text key for each costs more than the rest of this loop).
  const seen = new Map<number, Pending | Pending[]>();
  const suppressions = scope.files.flatMap((f) => f.suppressions);
  const suppressionFor = suppressions.length ? suppressionLookup(suppressions) : undefined;
  // One setting per rule: asked once per lint, not once per finding.
  const severities = new Map<RuleMeta, Severity | undefined>();
  const used = new Set<Suppression>();
  const usedMetadata = new Set<string>();
  const metadataOwners = scope.resources.filter((r) => r.ignoreCodes?.length);
  // The diagnostics of this lint by report, for the next one (only these: an older one would keep
  // its lint's scope alive through its fixes).
  const made = memo && { before: memo.diagnostics as ReadonlyMap<Report, RuleDiagnostic>, now: new Map<Report, RuleDiagnostic>() };
  if (memo) memo.diagnostics = made!.now;

  for (let i = 0; i < pending.length; i++) {
    const p = pending[i];
    const { meta, report } = p;
    const line = report.loc.range.start.line;
    const same = seen.get(line);
    if (same === undefined) seen.set(line, p);
    else if (Array.isArray(same)) {
      if (samePendingIn(same, p)) continue;
      same.push(p);
    } else {
      if (samePending(same, p)) continue;
      seen.set(line, [same, p]);
    }
    if (meta !== SYNTAX_ERROR && meta !== INTERNAL_ERROR) {
      const suppressedBy = suppressionFor?.(meta, report.loc);
      if (suppressedBy) { used.add(suppressedBy); continue; }
      const owner = metadataOwners.length ? metadataOwnerOf(metadataOwners, meta, report.loc) : undefined;
      if (owner) { usedMetadata.add(owner.key); continue; }
    }
    let severity: Severity | undefined;
    if (report.severity) severity = severityFor(meta, config, report.severity);
    else {
      if (!severities.has(meta)) severities.set(meta, severityFor(meta, config, undefined));
      severity = severities.get(meta);
    }
    if (severity) add(out, made ? diagnosticFor(made, severity, p) : new RuleDiagnostic(severity, p));
  }

  if (made) retireDropped(made);
  const unusedSeverity = severityFor(UNUSED_SUPPRESSION, config, undefined);
  if (unusedSeverity) {
    for (const s of suppressions) {
      if (used.has(s)) continue;
      const what = s.codes.length ? s.codes.join(', ') : 'all rules';
      add(out, {
        code: UNUSED_SUPPRESSION.code, name: UNUSED_SUPPRESSION.name, severity: unusedSeverity,
        message: `This \`vpce-lint-ignore${s.scope === 'file' ? '-file' : ''}\` comment (${what}) suppresses nothing; remove it.`,
        loc: s.loc, related: [], tags: ['unnecessary'], docsUrl: docsUrl(UNUSED_SUPPRESSION.code),
        fixes: [{ title: 'Remove the unused suppression comment', safe: true, preferred: true, edits: [removeComment(s, scope)] }],
      });
    }
    for (const r of metadataOwners) {
      if (usedMetadata.has(r.key)) continue;
      add(out, {
        code: UNUSED_SUPPRESSION.code, name: UNUSED_SUPPRESSION.name, severity: unusedSeverity,
        message: `The \`Metadata\` \`vpce-lint\` ignore entry of \`${r.displayName}\` (${r.ignoreCodes!.join(', ')}) suppresses nothing; remove it.`,
        loc: r.nameLoc, related: [], fixes: [], tags: ['unnecessary'], docsUrl: docsUrl(UNUSED_SUPPRESSION.code),
      });
    }
  }

  for (const list of out.values()) list.sort(compareDiagnostics);
  return out;
}

function add(out: Map<string, Diagnostic[]>, d: Diagnostic): void {
  const list = out.get(d.loc.file);
  if (list) list.push(d);
  else out.set(d.loc.file, [d]);
}

const docsUrls = new Map<string, string>();
/** Shared by the findings without related information or tags (most of them). */
const NONE: never[] = Object.freeze([]) as never[];

/** A rule's finding. Its fixes are worked out when first read (most never are: a keystroke reports
 *  hundreds of findings); a fix that throws is dropped: the finding still stands. */
class RuleDiagnostic implements Diagnostic {
  readonly code: string;
  readonly name: string;
  readonly message: string;
  readonly loc: Loc;
  readonly related: RelatedInfo[];
  readonly tags: Diagnostic['tags'];
  readonly docsUrl: string;
  /** Its rule offers suggestions only (no safe fix). */
  readonly suggestionsOnly: boolean;
  private computed?: Fix[];
  private source?: Pending;

  constructor(readonly severity: Severity, pending: Pending) {
    const { meta, report } = pending;
    this.code = meta.code;
    this.name = meta.name;
    this.message = report.message;
    this.loc = report.loc;
    this.related = report.related ?? NONE;
    this.tags = report.tags ?? NONE;
    let url = docsUrls.get(meta.code);
    if (url === undefined) docsUrls.set(meta.code, url = docsUrl(meta.code));
    this.docsUrl = url;
    this.suggestionsOnly = meta.suggestionsOnly === true;
    if (pending.fixable) this.source = pending;
    else this.computed = NONE;
  }

  get fixes(): Fix[] {
    if (!this.computed) {
      try {
        this.computed = this.source?.fixes() ?? [];
      } catch {
        this.computed = [];
      }
      this.source = undefined;
    }
    return this.computed;
  }

  set fixes(fixes: Fix[]) {
    this.computed = fixes;
    this.source = undefined;
  }

  /** A later lint no longer reports this finding: it lets go of the lint it was last bound to
   *  (fixes not worked out by now are none). */
  release(): void {
    this.computed ??= NONE;
    this.source = undefined;
  }

  /** The same finding in a later lint: its fixes are that lint's. */
  rebind(pending: Pending): void {
    if (!pending.fixable) return;
    this.computed = undefined;
    this.source = pending;
  }
}

/** A replayed report's diagnostic is the one the previous lint made for it (a replayed report is
 *  the same object), its fixes now worked out from this lint: a keystroke then makes diagnostics
 *  only for what changed, and editor adapters can tell an unchanged finding by identity. */
function diagnosticFor(made: { before: ReadonlyMap<Report, RuleDiagnostic>; now: Map<Report, RuleDiagnostic> }, severity: Severity, p: Pending): RuleDiagnostic {
  let d = made.before.get(p.key);
  if (d && d.severity === severity) d.rebind(p);
  else d = new RuleDiagnostic(severity, p);
  made.now.set(p.key, d);
  return d;
}

/** Releases the previous lint's diagnostics that this one did not hand out again. Each was bound
 *  to a lint (its lazy fixes hold that lint's scope and findings), and, having lived through
 *  several lints, it sits in V8's old generation: dropped but not yet collected, it would keep
 *  that whole lint alive through every young-generation collection until the next full one. */
function retireDropped(made: { before: ReadonlyMap<Report, RuleDiagnostic>; now: ReadonlyMap<Report, RuleDiagnostic> }): void {
  made.before.forEach((d, report) => {
    if (made.now.get(report) !== d) d.release();
  });
}

function severityFor(meta: RuleMeta, config: VpceLintConfig, reported: Severity | undefined): Severity | undefined {
  const setting = ruleSetting(config, meta.code, meta.name);
  if (setting === 'off') return undefined;
  return setting ?? reported ?? meta.severity;
}

function matchesCode(codes: readonly string[], meta: RuleMeta): boolean {
  return codes.length === 0 || codes.includes(meta.code) || codes.includes(meta.name);
}

/** The first suppression (in file order) that covers a finding. Suppressions are indexed by file
 *  and line, so a file with many of them does not cost (findings x suppressions). */
function suppressionLookup(suppressions: Suppression[]): (meta: RuleMeta, loc: Loc) => Suppression | undefined {
  const byLine = new Map<string, number[]>();
  const fileWide = new Map<string, number[]>();
  suppressions.forEach((s, i) => {
    const keys = s.scope === 'file' ? [s.loc.file] : s.lines.map((line) => `${s.loc.file}\u0000${line}`);
    const index = s.scope === 'file' ? fileWide : byLine;
    for (const key of new Set(keys)) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  return (meta, loc) => {
    let first: number | undefined;
    const candidates = [fileWide.get(loc.file), byLine.get(`${loc.file}\u0000${loc.range.start.line}`)];
    for (const list of candidates) {
      const hit = list?.find((i) => matchesCode(suppressions[i].codes, meta));
      if (hit !== undefined && (first === undefined || hit < first)) first = hit;
    }
    return first === undefined ? undefined : suppressions[first];
  };
}

/** Removes the comment; when it stands alone on its line, removes the whole line. */
function removeComment(s: Suppression, scope: Scope): TextEdit {
  const file = fileOf(scope, s.loc.file);
  const line = s.loc.range.start.line;
  const lineText = file ? linesOf(file).lineText(line) : '';
  const before = lineText.slice(0, s.loc.range.start.character);
  if (before.trim() === '') {
    return { file: s.loc.file, range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
  }
  const keep = before.replace(/\s+$/, '');
  return { file: s.loc.file, range: { start: { line, character: keep.length }, end: s.loc.range.end }, newText: '' };
}

/** The same finding twice: same rule, place and message. */
function samePending(a: Pending, b: Pending): boolean {
  return a.meta === b.meta && a.report.message === b.report.message && sameRange(a.report.loc, b.report.loc);
}

function samePendingIn(list: readonly Pending[], p: Pending): boolean {
  for (let i = 0; i < list.length; i++) if (samePending(list[i], p)) return true;
  return false;
}

/** The resource whose `Metadata` ignores this rule at `loc`, if any. */
function metadataOwnerOf(owners: readonly Resource[], meta: RuleMeta, loc: Loc): Resource | undefined {
  for (let i = 0; i < owners.length; i++) {
    const r = owners[i];
    if (r.loc.file === loc.file && contains(r.loc.range, loc.range) && matchesCode(r.ignoreCodes!, meta)) return r;
  }
  return undefined;
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

export function contains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** By place, then code and message in code-unit order (the same on every machine, and cheap: a
 *  keystroke sorts every finding of its scope again). */
function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const s = a.loc.range.start;
  const t = b.loc.range.start;
  return s.line - t.line || s.character - t.character || compareText(a.code, b.code) || compareText(a.message, b.message);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The scope's policies, then those attached to its resources. */
function allPolicies(scope: Scope): Policy[] {
  const out = [...scope.policies];
  const { resources } = scope;
  for (let i = 0; i < resources.length; i++) if (resources[i].policies) out.push(...resources[i].policies!);
  return out;
}

function resourcesByKind(scope: Scope): Map<string, readonly Resource[]> {
  const byKind = groupBy<Resource, string>(scope.resources, (r) => r.kind);
  // Every rule reads the same lists: frozen so that one rule cannot reorder them for the next.
  for (const list of byKind.values()) Object.freeze(list);
  return byKind;
}

/** What a rule sees of the scope. One per rule run, its methods on the prototype: a lint of a
 *  workspace makes one for every rule of every scope. */
class Context implements RuleContext {
  /** Where reports go: the lint's findings, or a step's own list while it runs. */
  private sink: (r: Report) => void;
  private eachCalls = 0;

  constructor(private readonly scopeRef: Scope, private readonly byKind: Map<string, readonly Resource[]>, readonly options: LintOptions,
    private readonly tracker: Tracker, private readonly meta: RuleMeta, private readonly pending: Pending[]) {
    this.sink = (r) => { pending.push(new Pending(meta, r)); };
  }

  get scope(): Scope {
    this.tracker.opaque();
    return this.scopeRef;
  }

  all(kind: ResourceKind): readonly Resource[] {
    this.tracker.list(kind);
    return this.byKind.get(kind) ?? [];
  }

  deref(val: Val | undefined): Resource | undefined {
    return val?.t === 'ref' ? this.tracker.lookup(val.target) : undefined;
  }

  derefAll(val: Val | undefined): Resource[] | undefined {
    if (!val) return undefined;
    if (val.t === 'ref') {
      const one = this.deref(val);
      return one ? [one] : undefined;
    }
    if (val.t !== 'list' || !val.complete) return undefined;
    const out: Resource[] = [];
    for (const item of val.items) {
      const r = this.deref(item);
      if (!r) return undefined;
      out.push(r);
    }
    return out;
  }

  policies(): readonly Policy[] {
    this.tracker.list('policies');
    return this.tracker.allPolicies;
  }

  unattachedPolicies(): readonly Policy[] {
    this.tracker.list('unattached');
    return this.scopeRef.policies;
  }

  resource(key: string): Resource | undefined {
    return this.tracker.lookup(key);
  }

  allResources(): readonly Resource[] {
    this.tracker.list('*');
    return this.scopeRef.resources;
  }

  sourceText(loc: Loc): string | undefined {
    return textAt(this.scopeRef, loc);
  }

  each(kind: ResourceKind, step: (res: Resource) => void): void {
    this.eachOf(kind, this.byKind.get(kind) ?? [], step);
  }

  eachPolicy(step: (policy: Policy) => void): void {
    this.eachOf('policies', this.tracker.allPolicies, step);
  }

  memo<T>(key: string, compute: (ctx: RuleContext) => T, same?: (a: T, b: T) => boolean): T {
    return this.tracker.memoize(key, compute, same);
  }

  report(r: Report): void {
    this.sink(r);
  }

  private eachOf<T extends object>(list: ListName, items: readonly T[], step: (item: T) => void): void {
    // A one-shot lint keeps no step: its reports go straight to the findings. A step that throws
    // takes back what it reported, as a kept step's reports are dropped with it.
    if (!this.tracker.keeps) {
      const { pending } = this;
      for (let i = 0; i < items.length; i++) {
        const before = pending.length;
        try {
          step(items[i]);
        } catch (err) {
          pending.length = before;
          throw err;
        }
      }
      return;
    }
    const { meta, pending } = this;
    this.tracker.each(`${meta.code}#${this.eachCalls++}`, list, items, (item) => {
      const found: Report[] = [];
      this.capture(step, item, found);
      // The diagnostic made now is found again by the kept report when it is replayed.
      const kept = found.map(withoutFixes);
      for (let i = 0; i < found.length; i++) pending.push(new Pending(meta, found[i], undefined, kept[i]));
      return kept;
    }, (reports, item) => {
      // A replayed finding's fixes are worked out again, on demand, from this lint's scope.
      const replay = { ctx: this, step, item };
      for (let i = 0; i < reports.length; i++) pending.push(new Pending(meta, reports[i], replay));
    });
  }

  /** Runs one step, its reports going to `into` instead of the lint's findings. */
  private capture<T>(step: (item: T) => void, item: T, into: Report[]): void {
    const outer = this.sink;
    this.sink = (r) => { into.push(r); };
    try {
      step(item);
    } finally {
      this.sink = outer;
    }
  }

  refix<T>(step: (item: T) => void, item: T, replayed: Report): Fix[] {
    const found: Report[] = [];
    this.capture(step, item, found);
    const same = found.find((r) => r.message === replayed.message && sameRange(r.loc, replayed.loc));
    const fixes = same?.fixes;
    return typeof fixes === 'function' ? fixes() : fixes ?? [];
  }
}
