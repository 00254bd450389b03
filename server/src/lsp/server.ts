// The language server: keeps a Workspace in sync with open documents and the files on disk, lints
// scopes as they change and publishes the results. This file wires the protocol's requests and
// notifications to the parts that do that work.
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import { CONFIG_FILE_NAME, candidateKind, initEngine, type FileKind } from '../engine';
import { codeActions, FIX_ALL_KIND } from './codeActions';
import { completionsAt } from './completion';
import { ruleSummaries } from './diagnostics';
import { DocumentSync } from './documentSync';
import { errorText } from './errors';
import { hoverAt } from './hover';
import { WorkspaceIndexer } from './indexer';
import { fileUriToPath } from './paths';
import { LINT_WORKSPACE_REQUEST, RULES_REQUEST, SERVER_INFO_REQUEST } from './protocol';
import { DiagnosticsPublisher } from './publisher';
import { ServerContext } from './serverContext';
import { readSettings } from './settings';

const WATCHED_GLOBS = ['**/*.{tf,tfvars,json,yaml,yml,template}', `**/${CONFIG_FILE_NAME}`];

export class VpceLintServer {
  private readonly ctx: ServerContext;
  private readonly publisher: DiagnosticsPublisher;
  private readonly indexer: WorkspaceIndexer;
  private readonly sync: DocumentSync;

  constructor(private readonly connection: Connection) {
    this.ctx = new ServerContext(connection);
    this.publisher = new DiagnosticsPublisher(this.ctx);
    this.indexer = new WorkspaceIndexer(this.ctx, this.publisher);
    this.sync = new DocumentSync(this.ctx, this.indexer, this.publisher);
  }

  listen(): void {
    const c = this.connection;
    const ctx = this.ctx;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => ctx.guard('initialized', () => this.afterInitialized()));
    c.onDidChangeConfiguration((params) => ctx.guard('configuration', async () => {
      await this.loadSettings((params.settings as { vpceLint?: unknown } | null)?.vpceLint);
      await this.indexer.index();
    }));
    c.onDidChangeWatchedFiles((params) => ctx.guard('watched files', () => this.indexer.filesChanged(params.changes)));
    c.onCodeAction((params) => ctx.guardSync('code action', [], () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const path = doc && ctx.pathOfDoc(doc);
      if (!doc || !path || !this.sync.flush(doc.uri)) return [];
      return codeActions({
        path, text: doc.getText(), kind: ctx.kindOf(path), diagnostics: this.publisher.diagnosticsOf(path),
        range: params.range, context: params.context, uriOf: (p) => ctx.paths.uriOf(p),
      });
    }));
    c.onHover((params) => ctx.guardSync('hover', null, () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const path = doc && ctx.pathOfDoc(doc);
      if (!doc || !path) return null;
      this.sync.flush(doc.uri);
      return hoverAt({
        scope: ctx.scopeOf(path), path, text: doc.getText(), position: params.position,
        diagnostics: this.publisher.diagnosticsOf(path),
      });
    }));
    c.onCompletion((params) => ctx.guardSync('completion', [], () => {
      const doc = ctx.documents.get(params.textDocument.uri);
      const path = doc && ctx.pathOfDoc(doc);
      if (!doc || !path) return [];
      this.sync.flush(doc.uri);
      return completionsAt({
        scope: ctx.scopeOf(path), path, text: doc.getText(), kind: ctx.kindOf(path) ?? kindByName(path),
        position: params.position, cloudFormationRegion: ctx.configFor(path).cloudFormationRegion,
      });
    }));
    c.onRequest(LINT_WORKSPACE_REQUEST, () => ctx.guard('lint workspace', () => this.indexer.index()));
    c.onRequest(RULES_REQUEST, () => ruleSummaries());
    c.onRequest(SERVER_INFO_REQUEST, () => ({ pid: process.pid }));

    ctx.documents.onDidOpen((e) => ctx.guardSync('open', undefined, () => this.sync.schedule(e.document.uri, 0)));
    ctx.documents.onDidChangeContent((e) => ctx.guardSync('change', undefined, () => this.sync.schedule(e.document.uri, ctx.settings.debounceMs)));
    ctx.documents.onDidClose((e) => ctx.guard('close', () => this.sync.closed(e.document)));
    ctx.documents.listen(c);
    c.listen();
  }

  private async initialize(params: InitializeParams): Promise<InitializeResult> {
    const caps = params.capabilities;
    this.ctx.supports = {
      configuration: !!caps.workspace?.configuration,
      workspaceFolders: !!caps.workspace?.workspaceFolders,
      watchedFiles: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
      progress: !!caps.window?.workDoneProgress,
    };
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.ctx.roots = folders.map(fileUriToPath).filter((p): p is string => !!p);
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    if (options?.settings) this.ctx.settings = readSettings(options.settings, (m) => this.ctx.log(m));
    try {
      await initEngine();
    } catch (err) {
      // Terraform files then fail one by one with VPCE005; everything else still works.
      this.ctx.log(`Could not load the Terraform parser: ${errorText(err)}`);
    }
    this.ctx.resetWorkspace();
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
    if (this.ctx.supports.configuration) {
      await this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'vpceLint' });
    }
    if (this.ctx.supports.watchedFiles) {
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })),
      });
    }
    if (this.ctx.supports.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => this.ctx.guard('workspace folders', async () => {
        const removed = new Set(e.removed.map((f) => fileUriToPath(f.uri)));
        const added = e.added.map((f) => fileUriToPath(f.uri)).filter((p): p is string => !!p);
        this.ctx.roots = [...this.ctx.roots.filter((r) => !removed.has(r)), ...added];
        await this.indexer.index();
      }));
    }
    await this.loadSettings(undefined);
    this.indexer.ready = true;
    await this.indexer.index();
  }

  private async loadSettings(pushed: unknown): Promise<void> {
    let raw = pushed;
    if (this.ctx.supports.configuration) {
      try {
        raw = await this.connection.workspace.getConfiguration({ section: 'vpceLint' });
      } catch (err) {
        this.ctx.log(`Could not read settings: ${errorText(err)}`);
      }
    }
    if (raw !== undefined && raw !== null) this.ctx.settings = readSettings(raw, (m) => this.ctx.log(m));
  }
}

function kindByName(path: string): FileKind | undefined {
  const kind = candidateKind(path);
  return kind === 'structured' ? undefined : kind;
}
