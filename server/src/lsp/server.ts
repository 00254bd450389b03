// The language server: keeps a Workspace in sync with open documents and the files on disk, lints
// scopes as they change and publishes the results. Everything a request or a file does is caught:
// one bad file or failing rule must never take the server down.
import { readFile, stat } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { readModuleFile } from '../shared/read-module-file';
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType,
  TextDocumentSyncKind, TextDocuments, type Connection, type InitializeParams, type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CONFIG_FILE_NAME, ENGINE_DIAGNOSTICS, Workspace, candidateKind, dirnameOf, docsUrl, initEngine,
  type Diagnostic, type FileKind, type Scope,
} from '../engine';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { completionsAt } from './completion';
import { ruleSummaries, toLspDiagnostic } from './diagnostics';
import { hoverAt } from './hover';
import { fileUriToPath, PathMap } from './paths';
import { ConfigFiles, DEFAULT_SETTINGS, effectiveConfig, readSettings, type ServerSettings } from './settings';
import { configIgnoreList, isIgnoredWithParents, type IgnoreList } from '../engine/ignore';
import { GitignoreFiles, inSkippedFolder, isTerraformName, terraformFilesIn, walkTree } from '../shared/discover';

/** Custom protocol shared with the client. */
export const STATUS_NOTIFICATION = 'vpceLint/status';
export const LINT_WORKSPACE_REQUEST = 'vpceLint/lintWorkspace';
export const RULES_REQUEST = 'vpceLint/rules';
/** Answers `{ pid }`, so the real-editor tests can find (and kill) this process. */
export const SERVER_INFO_REQUEST = 'vpceLint/serverInfo';

/** Files beyond this are not even read (the size setting turns smaller ones into VPCE004). */
const MAX_READ_BYTES = 64 * 1024 * 1024;
const WATCHED_GLOBS = ['**/*.{tf,tfvars,json,yaml,yml,template}', `**/${CONFIG_FILE_NAME}`];
const CONFIG_ERROR = ENGINE_DIAGNOSTICS.find((m) => m.code === 'VPCE003')!;
const INTERNAL_ERROR = ENGINE_DIAGNOSTICS.find((m) => m.code === 'VPCE005')!;

export class VpceLintServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly paths = new PathMap();
  private readonly configFiles = new ConfigFiles((path) => this.openDocument(path)?.getText());
  private gitignores = new GitignoreFiles();
  private settings: ServerSettings = DEFAULT_SETTINGS;
  private ws = this.newWorkspace();
  private roots: string[] = [];
  private supports = { configuration: false, workspaceFolders: false, watchedFiles: false, progress: false };
  /** Text read from disk, for files of the workspace (and modules of open files). */
  private readonly diskText = new Map<string, string>();
  private readonly loadedDirs = new Set<string>();
  /** Files read only as context for their Terraform module (ignored ones): never published. */
  private readonly contextOnly = new Set<string>();
  /** The document version whose text the Workspace holds, per open path. */
  private readonly wsVersion = new Map<string, number>();
  /** Latest published engine diagnostics per path, and the scope they came from. */
  private readonly results = new Map<string, { scope: string; diagnostics: Diagnostic[] }>();
  private readonly configPublished = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly loggedSkips = new Set<string>();
  private indexRun = 0;
  private ready = false;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => this.guard('initialized', () => this.afterInitialized()));
    c.onDidChangeConfiguration((params) => this.guard('configuration', async () => {
      await this.loadSettings((params.settings as { vpceLint?: unknown } | null)?.vpceLint);
      await this.index();
    }));
    c.onDidChangeWatchedFiles((params) => this.guard('watched files', () => this.filesChanged(params.changes)));
    c.onCodeAction((params) => this.guardSync('code action', [], () => {
      const doc = this.documents.get(params.textDocument.uri);
      const path = doc && this.pathOfDoc(doc);
      if (!doc || !path || !this.flush(doc.uri)) return [];
      return codeActions({
        path, text: doc.getText(), kind: this.kindOf(path), diagnostics: this.results.get(path)?.diagnostics ?? [],
        range: params.range, context: params.context, uriOf: (p) => this.paths.uriOf(p),
      });
    }));
    c.onHover((params) => this.guardSync('hover', null, () => {
      const doc = this.documents.get(params.textDocument.uri);
      const path = doc && this.pathOfDoc(doc);
      if (!doc || !path) return null;
      this.flush(doc.uri);
      return hoverAt({
        scope: this.scopeOf(path), path, text: doc.getText(), position: params.position,
        diagnostics: this.results.get(path)?.diagnostics ?? [],
      });
    }));
    c.onCompletion((params) => this.guardSync('completion', [], () => {
      const doc = this.documents.get(params.textDocument.uri);
      const path = doc && this.pathOfDoc(doc);
      if (!doc || !path) return [];
      this.flush(doc.uri);
      return completionsAt({
        scope: this.scopeOf(path), path, text: doc.getText(), kind: this.kindOf(path) ?? kindByName(path),
        position: params.position, cloudFormationRegion: this.configFor(path).cloudFormationRegion,
      });
    }));
    c.onRequest(LINT_WORKSPACE_REQUEST, () => this.guard('lint workspace', () => this.index()));
    c.onRequest(RULES_REQUEST, () => ruleSummaries());
    c.onRequest(SERVER_INFO_REQUEST, () => ({ pid: process.pid }));

    this.documents.onDidOpen((e) => this.guardSync('open', undefined, () => this.schedule(e.document.uri, 0)));
    this.documents.onDidChangeContent((e) => this.guardSync('change', undefined, () => this.schedule(e.document.uri, this.settings.debounceMs)));
    this.documents.onDidClose((e) => this.guard('close', () => this.closed(e.document)));
    this.documents.listen(c);
    c.listen();
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle and settings
  // ---------------------------------------------------------------------------------------------

  private async initialize(params: InitializeParams): Promise<InitializeResult> {
    const caps = params.capabilities;
    this.supports = {
      configuration: !!caps.workspace?.configuration,
      workspaceFolders: !!caps.workspace?.workspaceFolders,
      watchedFiles: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      progress: !!caps.window?.workDoneProgress,
    };
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = folders.map(fileUriToPath).filter((p): p is string => !!p);
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    if (options?.settings) this.settings = readSettings(options.settings, (m) => this.log(m));
    try {
      await initEngine();
    } catch (err) {
      // Terraform files then fail one by one with VPCE005; everything else still works.
      this.log(`Could not load the Terraform parser: ${errorText(err)}`);
    }
    this.ws = this.newWorkspace();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', '"', ' ', ','] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'vpce-lint' },
    };
  }

  private async afterInitialized(): Promise<void> {
    if (this.supports.configuration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'vpceLint' });
    }
    if (this.supports.watchedFiles) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
      });
    }
    if (this.supports.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => this.guard('workspace folders', async () => {
        const removed = new Set(e.removed.map((f) => fileUriToPath(f.uri)));
        const added = e.added.map((f) => fileUriToPath(f.uri)).filter((p): p is string => !!p);
        this.roots = [...this.roots.filter((r) => !removed.has(r)), ...added];
        await this.index();
      }));
    }
    await this.loadSettings(undefined);
    this.ready = true;
    await this.index();
  }

  private async loadSettings(pushed: unknown): Promise<void> {
    let raw = pushed;
    if (this.supports.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration({ section: 'vpceLint' });
      } catch (err) {
        this.log(`Could not read settings: ${errorText(err)}`);
      }
    }
    if (raw !== undefined && raw !== null) this.settings = readSettings(raw, (m) => this.log(m));
  }

  private newWorkspace(): Workspace {
    return new Workspace({
      configFor: (path) => this.configFor(path),
      maxFileBytes: Math.round(this.settings.maxFileSizeKb * 1024),
      readFile: readModuleFile,
    });
  }

  private configFor(path: string) {
    return effectiveConfig(this.settings, this.configFiles.nearest(dirnameOf(path)));
  }

  /** The workspace folder a path is in (the innermost one), if any. */
  private rootOf(path: string): string | undefined {
    return this.roots.filter((r) => path.startsWith(r.endsWith('/') ? r : r + '/')).sort((a, b) => b.length - a.length)[0];
  }

  /** The settings' and the nearest config file's `ignore` lists for the entries of `dir`, as the
   *  CLI applies its config file's. */
  private configIgnores(dir: string): IgnoreList[] {
    const lists: IgnoreList[] = [];
    const root = this.rootOf(dir + '/');
    const ignore = this.settings.config.ignore ?? [];
    if (root && ignore.length) lists.push(configIgnoreList(root, ignore));
    const nearest = this.configFiles.nearest(dir);
    if (nearest) lists.push(nearest.ignore);
    return lists;
  }

  /** An open document is linted unless the settings or config file ignore it: like a file named
   *  on the command line, .gitignore does not apply to it. */
  private isIgnored(path: string): boolean {
    if (this.paths.isUntitled(path)) return false;
    return isIgnoredWithParents(this.configIgnores(dirnameOf(path)), path, false);
  }

  /** A file on disk is linted when the workspace scan would pick it: not in a skipped folder, not
   *  excluded by .gitignore files, the settings or config files. */
  private isSkippedOnDisk(path: string): boolean {
    const dir = dirnameOf(path);
    const root = this.rootOf(path) ?? dir;
    if (inSkippedFolder(path, root)) return true;
    return isIgnoredWithParents([...this.gitignores.listsFor(dir, root), ...this.configIgnores(dir)], path, false);
  }

  // ---------------------------------------------------------------------------------------------
  // Indexing the workspace
  // ---------------------------------------------------------------------------------------------

  /** Re-reads every workspace folder into a fresh Workspace (settings may have changed what is
   *  read and how), then lints everything. A newer run supersedes an older one. */
  private async index(): Promise<void> {
    if (!this.ready) return;
    const run = ++this.indexRun;
    const stale = () => run !== this.indexRun;
    const progress = await this.beginProgress();
    this.sendStatus({ state: 'indexing' });
    try {
      this.configFiles.clear();
      this.gitignores = new GitignoreFiles();
      this.diskText.clear();
      this.loadedDirs.clear();
      this.contextOnly.clear();
      this.wsVersion.clear();
      this.ws = this.newWorkspace();
      if (!this.settings.enable) {
        this.clearAll();
        return;
      }
      for (const doc of this.documents.all()) this.syncDocument(doc);
      const found: string[] = [];
      for (const root of this.roots) {
        const walked = await walkTree(root, {
          gitignores: this.gitignores, configIgnores: (dir) => this.configIgnores(dir), shouldStop: stale,
        });
        for (const config of walked.configs) this.configFiles.load(dirnameOf(config));
        for (const error of walked.errors) this.log(error);
        found.push(...walked.files);
      }
      for (let i = 0; i < found.length && !stale(); i++) {
        if (i % 25 === 0) progress?.report(Math.floor((i / found.length) * 90), `${i}/${found.length} files`);
        if (!this.openDocument(found[i])) await this.loadFromDisk(found[i]);
      }
      for (const path of found) if (!stale()) this.loadModuleOf(path);
      if (stale()) return;
      progress?.report(90, 'linting');
      const ids = this.ws.scopeIds();
      for (let i = 0; i < ids.length && !stale(); i++) {
        this.lintAndPublish([ids[i]]);
        if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
      }
      if (stale()) return;
      for (const path of [...this.results.keys()]) if (!this.ws.hasFile(path)) this.publish(path, undefined, []);
      this.publishConfigProblems();
      this.log(`Indexed ${found.length} files in ${this.roots.length} workspace folder(s): ${ids.length} scopes.`);
    } finally {
      progress?.done();
      if (!stale()) this.sendStatus({ state: 'idle' });
    }
  }

  private async beginProgress(): Promise<WorkDoneProgressServerReporter | undefined> {
    if (!this.supports.progress) return undefined;
    try {
      const progress = await this.connection.window.createWorkDoneProgress();
      progress.begin('vpce-lint: indexing', 0, 'reading files', false);
      return progress;
    } catch {
      return undefined;
    }
  }

  private async loadFromDisk(path: string): Promise<string[]> {
    try {
      const info = await stat(path);
      if (info.size > MAX_READ_BYTES) {
        this.log(`Skipped ${path}: ${Math.round(info.size / 1048576)} MB is too large to read.`);
        return [];
      }
      const text = await readFile(path, 'utf8');
      if (this.openDocument(path)) return []; // opened while we read: the editor's text wins
      this.diskText.set(path, text);
      return this.setFile(path, text);
    } catch (err) {
      this.log(`Could not read ${path}: ${errorText(err)}`);
      return [];
    }
  }

  /** A Terraform file is linted with its whole module: read the module's other files once.
   *  Those the workspace scan skips (ignored ones) are context only, as in the CLI. */
  private loadModuleOf(path: string): void {
    const dir = dirnameOf(path);
    if (this.loadedDirs.has(dir) || this.paths.isUntitled(path) || !isTerraformName(path)) return;
    this.loadedDirs.add(dir);
    for (const sibling of terraformFilesIn(dir)) {
      if (sibling === path || this.ws.hasFile(sibling) || this.openDocument(sibling)) continue;
      if (this.isSkippedOnDisk(sibling)) this.contextOnly.add(sibling);
      try {
        if (statSync(sibling).size > MAX_READ_BYTES) continue;
        const text = readFileSync(sibling, 'utf8');
        this.diskText.set(sibling, text);
        this.setFile(sibling, text);
      } catch (err) {
        this.log(`Could not read ${sibling}: ${errorText(err)}`);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Documents and files
  // ---------------------------------------------------------------------------------------------

  private schedule(uri: string, delayMs: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => this.guardSync('lint', undefined, () => this.flush(uri)), delayMs));
  }

  /** Brings the Workspace up to date with a document and lints its scope if it changed.
   *  Returns false when the document is not one vpce-lint reads. */
  private flush(uri: string): boolean {
    const doc = this.documents.get(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    if (!doc) return false;
    const path = this.pathOfDoc(doc);
    if (!path) return false;
    if (this.wsVersion.get(path) === doc.version) return true;
    if (!this.settings.enable || this.isIgnored(path)) {
      this.publish(path, undefined, []);
      return false;
    }
    this.lintAndPublish(this.syncDocument(doc));
    return true;
  }

  private syncDocument(doc: TextDocument): string[] {
    const path = this.pathOfDoc(doc);
    if (!path || !this.settings.enable || this.isIgnored(path)) return [];
    this.contextOnly.delete(path);
    this.loadModuleOf(path);
    const ids = this.setFile(path, doc.getText());
    this.wsVersion.set(path, doc.version);
    return ids;
  }

  private setFile(path: string, text: string): string[] {
    try {
      const ids = this.ws.setFile(path, text);
      const id = this.ws.scopeIdOf(path);
      if (id?.startsWith('skipped:') && !this.loggedSkips.has(path)) {
        this.loggedSkips.add(path);
        this.log(`Skipped ${path} (too large or binary).`);
      }
      return ids;
    } catch (err) {
      this.log(`Failed to read ${path}: ${errorText(err)}`);
      this.publish(path, undefined, [internalError(path, `vpce-lint could not read this file: ${errorText(err)}`)]);
      return [];
    }
  }

  private async closed(doc: TextDocument): Promise<void> {
    clearTimeout(this.timers.get(doc.uri));
    this.timers.delete(doc.uri);
    const path = this.paths.pathOf(doc.uri, doc.languageId);
    if (!path) return;
    this.wsVersion.delete(path);
    // A workspace file reverts to what is on disk, and so does an ignored file of a loaded
    // module (as context); anything else stops being linted.
    const scanned = this.rootOf(path) !== undefined && candidateKind(path) !== undefined && !this.isSkippedOnDisk(path);
    const context = !scanned && this.loadedDirs.has(dirnameOf(path)) && isTerraformName(path);
    if (this.settings.enable && (scanned || context)) {
      if (context) this.contextOnly.add(path);
      const ids = await this.loadFromDisk(path);
      if (this.diskText.has(path)) {
        this.lintAndPublish(ids);
        return;
      }
    }
    this.contextOnly.delete(path);
    this.forget(path);
  }

  private forget(path: string): void {
    this.diskText.delete(path);
    const ids = this.ws.hasFile(path) ? this.ws.deleteFile(path) : [];
    this.publish(path, undefined, []);
    this.lintAndPublish(ids);
  }

  private async filesChanged(changes: { uri: string; type: FileChangeType }[]): Promise<void> {
    const ids = new Set<string>();
    let configChanged = false;
    for (const change of changes) {
      const path = fileUriToPath(change.uri);
      if (!path) continue;
      // Terraform modules that read this file with file()/templatefile() depend on it.
      for (const id of this.ws.touchFile(path)) ids.add(id);
      if (basename(path) === CONFIG_FILE_NAME) {
        configChanged = true;
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder arrives as one event for the folder.
        const gone = [...this.diskText.keys()].filter((p) => p === path || p.startsWith(path + '/'));
        for (const p of gone) if (!this.openDocument(p)) this.forget(p);
        continue;
      }
      if (!this.settings.enable || this.openDocument(path) || !candidateKind(path) || this.isSkippedOnDisk(path)) continue;
      for (const id of await this.loadFromDisk(path)) ids.add(id);
    }
    if (configChanged) await this.index();
    else this.lintAndPublish([...ids]);
  }

  // ---------------------------------------------------------------------------------------------
  // Linting and publishing
  // ---------------------------------------------------------------------------------------------

  private lintAndPublish(ids: readonly string[]): void {
    for (const id of new Set(ids)) {
      let results: Map<string, Diagnostic[]>;
      try {
        results = this.ws.lintScope(id);
      } catch (err) {
        this.log(`Linting ${id} failed: ${errorText(err)}`);
        results = new Map(this.ws.filesOf(id).map((p) => [p, [internalError(p, `vpce-lint failed on this file: ${errorText(err)}`)]]));
      }
      for (const [path, result] of this.results) {
        if (result.scope === id && !results.has(path)) this.publish(path, undefined, []);
      }
      for (const [path, diagnostics] of results) {
        if (this.contextOnly.has(path)) {
          this.publish(path, undefined, []);
          continue;
        }
        for (const d of diagnostics) if (d.code === INTERNAL_ERROR.code) this.log(`${path}: ${d.message}`);
        this.publish(path, id, diagnostics);
      }
    }
  }

  /** Publishes unless the document changed since its text went into the Workspace (the pending
   *  lint of the newer version will publish instead). */
  private publish(path: string, scope: string | undefined, diagnostics: Diagnostic[]): void {
    const doc = this.openDocument(path);
    if (doc && scope !== undefined && this.wsVersion.get(path) !== doc.version) return;
    if (scope === undefined && !diagnostics.length) {
      if (!this.results.has(path)) return;
      this.results.delete(path);
    } else {
      this.results.set(path, { scope: scope ?? '', diagnostics });
    }
    const uriOf = (p: string) => this.paths.uriOf(p);
    void this.connection.sendDiagnostics({
      uri: uriOf(path), version: doc?.version, diagnostics: diagnostics.map((d) => toLspDiagnostic(d, uriOf)),
    });
  }

  private publishConfigProblems(): void {
    const withProblems = new Set<string>();
    for (const config of this.configFiles.loaded()) {
      if (!config.problems.length) continue;
      withProblems.add(config.path);
      const diagnostics = config.problems.map((p): Diagnostic => ({
        code: CONFIG_ERROR.code, name: CONFIG_ERROR.name, severity: CONFIG_ERROR.severity, message: p.message, loc: p.loc,
        related: [], fixes: [], tags: [], docsUrl: docsUrl(CONFIG_ERROR.code),
      }));
      void this.connection.sendDiagnostics({ uri: this.paths.uriOf(config.path), diagnostics: diagnostics.map((d) => toLspDiagnostic(d, (p) => this.paths.uriOf(p))) });
    }
    for (const path of this.configPublished) {
      if (!withProblems.has(path)) void this.connection.sendDiagnostics({ uri: this.paths.uriOf(path), diagnostics: [] });
    }
    this.configPublished.clear();
    for (const p of withProblems) this.configPublished.add(p);
  }

  private clearAll(): void {
    for (const path of [...this.results.keys()]) this.publish(path, undefined, []);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  private openDocument(path: string): TextDocument | undefined {
    const doc = this.documents.get(this.paths.uriOf(path));
    return doc && this.pathOfDoc(doc) === path ? doc : undefined;
  }

  private pathOfDoc(doc: TextDocument): string | undefined {
    return this.paths.pathOf(doc.uri, doc.languageId);
  }

  private scopeOf(path: string): Scope | undefined {
    const id = this.ws.scopeIdOf(path);
    try {
      return id ? this.ws.getScope(id) : undefined;
    } catch {
      return undefined;
    }
  }

  private kindOf(path: string): FileKind | undefined {
    return this.scopeOf(path)?.files.find((f) => f.path === path)?.kind;
  }

  private sendStatus(status: { state: 'indexing' | 'idle' }): void {
    void this.connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  private log(message: string): void {
    this.connection.console.log(message);
  }

  private guard(what: string, run: () => Promise<void> | void): Promise<void> {
    return (async () => {
      try {
        await run();
      } catch (err) {
        this.connection.console.error(`${what} failed: ${errorText(err, true)}`);
      }
    })();
  }

  private guardSync<T>(what: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (err) {
      this.connection.console.error(`${what} failed: ${errorText(err, true)}`);
      return fallback;
    }
  }
}

function kindByName(path: string): FileKind | undefined {
  const kind = candidateKind(path);
  return kind === 'structured' ? undefined : kind;
}

function internalError(path: string, message: string): Diagnostic {
  return {
    code: INTERNAL_ERROR.code, name: INTERNAL_ERROR.name, severity: INTERNAL_ERROR.severity, message,
    loc: { file: path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    related: [], fixes: [], tags: [], docsUrl: docsUrl(INTERNAL_ERROR.code),
  };
}

function errorText(err: unknown, withStack = false): string {
  if (err instanceof Error) return withStack && err.stack ? err.stack : err.message;
  return String(err);
}
