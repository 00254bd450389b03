// The set of files being linted, grouped into scopes (a Terraform module directory, a template, a
// policy file). Scopes are built lazily; an incremental Workspace (the LSP server's) keeps them and
// rebuilds one only when one of its files changes, a one-shot one (the CLI's) builds each scope
// for its lint and lets go of it.
import type { FileKind, Scope } from './model';
import type { LintOptions, Rule } from './rule';
import type { VpceLintConfig } from './config';
import { DEFAULT_MAX_FILE_BYTES, detectKind, isTerraformKind } from './detect';
import { findSuppressions } from './suppressions';
import { engineDiagnostic, fileStart, lintScope, settled, type Diagnostic } from './lint';
import { forgetJsonParses } from './json';
import { forgetYamlParse } from './cloudformation/yaml';
import { LintMemo } from './incremental';
import { buildTerraformScope, TerraformCache } from './terraform';
import { buildCloudFormationScope } from './cloudformation';
import { buildPolicyScope } from './policy/file';
import { FILE_SKIPPED, INTERNAL_ERROR } from './rules/engine-diagnostics';
import { RULES } from './rules';

export interface WorkspaceOptions {
  /** Configuration that applies to a file (settings, `.vpce-lint.json`, command line merged). */
  configFor?: (path: string) => VpceLintConfig;
  /** Files larger than this are skipped with a VPCE004 diagnostic. */
  maxFileBytes?: number;
  rules?: readonly Rule[];
  /** Reads a file beside a Terraform module's files, for `file()`, `templatefile()` and
   *  `jsondecode(file(...))`; undefined when it is missing or should not be read. */
  readFile?: (path: string) => string | undefined;
  /** Remember each scope (its parse and its lint) so the next lint re-checks only what changed
   *  (default). Off for one-shot runs such as the CLI, which would pay for the bookkeeping and
   *  never use it: each lint then settles its findings and lets go of the scope. */
  incremental?: boolean;
  /** The fixes the findings of a one-shot run come with: all of them (default), or the safe ones
   *  only (all that --fix and the CLI's text and JSON reports use). An incremental Workspace works
   *  out each finding's fixes when they are first read, so it has no use for this. */
  fixes?: 'all' | 'safe';
}

interface FileEntry { path: string; text: string; kind: FileKind; skipped?: string }

export function dirnameOf(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i <= 0 ? (i === 0 ? path.slice(0, 1) : '.') : path.slice(0, i);
}

export class Workspace {
  private readonly files = new Map<string, FileEntry>();
  /** Paths by scope id, in the order they were added: asking a scope for its files must not cost
   *  a pass over the whole workspace (that made linting every scope quadratic). */
  private readonly pathsByScope = new Map<string, Set<string>>();
  private readonly scopes = new Map<string, Scope>();
  /** What each scope's previous lint learnt, so the next one re-checks only what changed. */
  private readonly memos = new Map<string, LintMemo>();
  private readonly tfCache = new TerraformCache();
  private readonly rules: readonly Rule[];

  constructor(private readonly options: WorkspaceOptions = {}) {
    this.rules = options.rules ?? RULES;
  }

  /** Adds or replaces a file. Returns the ids of the scopes it belonged to or belongs to now. */
  setFile(path: string, text: string): string[] {
    const before = this.scopeIdOf(path);
    const detection = detectKind(path, text, this.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    const skipped = 'skipped' in detection && detection.report ? detection.skipped : undefined;
    if (detection.kind === 'none' && !skipped) {
      this.files.delete(path);
    } else {
      this.files.set(path, { path, text, kind: detection.kind, skipped });
    }
    const after = this.scopeIdOf(path);
    if (before !== after) {
      this.unindex(before, path);
      if (after) {
        const paths = this.pathsByScope.get(after);
        if (paths) paths.add(path);
        else this.pathsByScope.set(after, new Set([path]));
      }
    }
    const affected = unique([before, after, ...this.dependents(path)]);
    for (const id of affected) this.scopes.delete(id);
    return affected;
  }

  /**
   * A file changed that vpce-lint does not lint itself but a scope may have read (a JSON file
   * behind Terraform's `file()`). Returns the ids of the scopes to re-lint.
   */
  touchFile(path: string): string[] {
    const affected = this.dependents(path);
    for (const id of affected) this.scopes.delete(id);
    return affected;
  }

  /** Built scopes that read `path`. */
  private dependents(path: string): string[] {
    const out: string[] = [];
    for (const [id, scope] of this.scopes) if (scope.dependencies?.includes(path)) out.push(id);
    return out;
  }

  /** Forgets a file. Returns the ids of the scopes that must be re-linted (or cleared). */
  deleteFile(path: string): string[] {
    const id = this.scopeIdOf(path);
    this.files.delete(path);
    this.unindex(id, path);
    this.tfCache.forget(path);
    const affected = unique([id, ...this.dependents(path)]);
    for (const a of affected) this.scopes.delete(a);
    return affected;
  }

  hasFile(path: string): boolean { return this.files.has(path); }

  /** The scope a file belongs to, if it is a file vpce-lint reads. */
  scopeIdOf(path: string): string | undefined {
    const f = this.files.get(path);
    if (!f) return undefined;
    if (f.skipped) return `skipped:${path}`;
    return isTerraformKind(f.kind) ? `tf:${dirnameOf(path)}` : `file:${path}`;
  }

  scopeIds(): string[] {
    return [...this.pathsByScope.keys()];
  }

  /** Paths of the files in a scope. */
  filesOf(id: string): string[] {
    return [...this.pathsByScope.get(id) ?? []];
  }

  private unindex(id: string | undefined, path: string): void {
    const paths = id === undefined ? undefined : this.pathsByScope.get(id);
    if (!paths) return;
    paths.delete(path);
    if (!paths.size) {
      this.pathsByScope.delete(id!);
      this.memos.delete(id!);
    }
  }

  getScope(id: string): Scope | undefined {
    const cached = this.scopes.get(id);
    if (cached) return cached;
    const paths = this.filesOf(id);
    if (!paths.length || id.startsWith('skipped:')) return undefined;
    const first = this.files.get(paths[0])!;
    let scope: Scope;
    if (id.startsWith('tf:')) {
      const inputs = paths.sort().map((p) => ({ path: p, text: this.files.get(p)!.text }));
      scope = buildTerraformScope(id.slice(3), inputs, this.tfCache, { readFile: this.options.readFile });
    } else if (first.kind === 'policy-json') {
      scope = buildPolicyScope({ path: first.path, text: first.text });
    } else {
      scope = buildCloudFormationScope({ path: first.path, text: first.text }, { region: this.configOf(first.path).cloudFormationRegion });
    }
    for (const f of scope.files) f.suppressions = findSuppressions(f.path, f.text);
    if (this.options.incremental !== false) this.scopes.set(id, scope);
    return scope;
  }

  /** Diagnostics of every file in a scope (every file has an entry, possibly empty). */
  lintScope(id: string): Map<string, Diagnostic[]> {
    const paths = this.filesOf(id);
    if (id.startsWith('skipped:')) {
      const f = this.files.get(paths[0]);
      return new Map(f ? [[f.path, [engineDiagnostic(FILE_SKIPPED, fileStart(f.path), `vpce-lint skipped this file (${f.skipped}).`)]]] : []);
    }
    let scope: Scope | undefined;
    try {
      scope = this.getScope(id);
    } catch (err) {
      if (this.options.incremental === false) this.forgetParses(paths);
      // A parser bug on one file must not take the server or the run down: say so on its files.
      const message = `vpce-lint could not read this file (internal error: ${err instanceof Error ? err.message : String(err)}).`;
      return new Map(paths.map((p) => [p, [engineDiagnostic(INTERNAL_ERROR, fileStart(p), message)]]));
    }
    if (!scope) return new Map();
    const config = this.configOf(paths[0]);
    const options: LintOptions = { cloudFormationRegion: config.cloudFormationRegion };
    if (this.options.incremental === false) return this.lintOnce(scope, config, options, paths);
    let memo = this.memos.get(id);
    if (!memo) this.memos.set(id, memo = new LintMemo());
    return lintScope(scope, this.rules, config, options, memo);
  }

  /** A lint that keeps nothing: the findings' fixes are worked out while the parses are at hand,
   *  then the parses are dropped. A run over thousands of files then holds one scope at a time,
   *  and garbage collection does not copy every template read so far again and again. */
  private lintOnce(scope: Scope, config: VpceLintConfig, options: LintOptions, paths: readonly string[]): Map<string, Diagnostic[]> {
    try {
      const out = lintScope(scope, this.rules, config, options, undefined);
      const fixes = this.options.fixes ?? 'all';
      for (const list of out.values()) for (let i = 0; i < list.length; i++) list[i] = settled(list[i], fixes);
      return out;
    } finally {
      this.forgetParses(paths);
    }
  }

  /** Drops the parses of a one-shot scope's files (Terraform trees live in WebAssembly memory,
   *  which garbage collection does not reclaim). */
  private forgetParses(paths: readonly string[]): void {
    for (const path of paths) {
      forgetYamlParse(path);
      forgetJsonParses(path);
      this.tfCache.forget(path);
    }
  }

  lintAll(): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    for (const id of this.scopeIds()) for (const [path, list] of this.lintScope(id)) out.set(path, list);
    return out;
  }

  /** Forgets every file and frees the Terraform syntax trees, which live in WebAssembly memory
   *  that garbage collection does not reclaim: call it before dropping a Workspace. */
  dispose(): void {
    this.tfCache.clear();
    this.files.clear();
    this.pathsByScope.clear();
    this.scopes.clear();
    this.memos.clear();
  }

  private configOf(path: string): VpceLintConfig {
    return this.options.configFor?.(path) ?? {};
  }
}

function unique(ids: (string | undefined)[]): string[] {
  return [...new Set(ids.filter((x): x is string => !!x))];
}
