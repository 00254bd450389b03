// A minimal LSP client for protocol tests: runs the built server (`node dist/server.js --stdio`)
// and records what it publishes.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  DidChangeConfigurationNotification, DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification,
  InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest,
  type Diagnostic, type FileChangeType, type PublishDiagnosticsParams, type Range, type TextEdit,
} from 'vscode-languageserver-protocol/node';

export const REPO = join(__dirname, '..', '..');
export const SERVER = join(REPO, 'dist', 'server.js');

/** Copies a fixture folder to a fresh temporary folder (tests edit and delete files). */
export function copyFixture(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-lint-protocol-'));
  cpSync(join(__dirname, 'fixtures', name), dir, { recursive: true });
  return dir;
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

export class LspClient {
  readonly connection: MessageConnection;
  private readonly child: ChildProcess;
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly statuses: string[] = [];
  readonly progress: unknown[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  private readonly versions = new Map<string, number>();
  private waiters: (() => void)[] = [];

  constructor(public settings: Record<string, unknown>) {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d: Buffer) => this.logs.push(d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    const c = this.connection;
    c.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((i) => (i.section === 'vpceLint' ? this.settings : null)));
    c.onRequest('client/registerCapability', (params: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onNotification('$/progress', (p: unknown) => { this.progress.push(p); });
    c.onNotification('window/logMessage', (p: { message: string }) => { this.logs.push(p.message); });
    c.onNotification('vpceLint/status', (p: { state: string }) => {
      this.statuses.push(p.state);
      this.notify();
    });
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.push(p);
      this.notify();
    });
    c.listen();
  }

  async initialize(root: string): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(root),
      workspaceFolders: [{ uri: uriOf(root), name: 'fixture' }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
      },
    });
    const idle = this.statuses.length;
    await this.connection.sendNotification(InitializedNotification.type, {});
    await this.waitFor(() => this.statuses.slice(idle).includes('idle'), 'initial indexing');
  }

  /** Diagnostics last published for a file. */
  diagnostics(path: string): Diagnostic[] | undefined {
    const uri = uriOf(path);
    for (let i = this.published.length - 1; i >= 0; i--) if (this.published[i].uri === uri) return this.published[i].diagnostics;
    return undefined;
  }

  lastPublish(path: string): PublishDiagnosticsParams | undefined {
    const uri = uriOf(path);
    return [...this.published].reverse().find((p) => p.uri === uri);
  }

  /** Resolves once `check` holds, re-checking after every message from the server. */
  waitFor(check: () => boolean, what: string, timeoutMs = 15000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}\nlogs:\n${this.logs.join('\n')}`));
      }, timeoutMs);
      const waiter = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits for a publish for `path` after the `since`-th publish that satisfies `check`. */
  async nextDiagnostics(path: string, since: number, check: (d: Diagnostic[]) => boolean = () => true, what = 'diagnostics'): Promise<Diagnostic[]> {
    const uri = uriOf(path);
    let found: Diagnostic[] | undefined;
    await this.waitFor(() => {
      const hit = this.published.slice(since).reverse().find((p) => p.uri === uri);
      if (hit && check(hit.diagnostics)) found = hit.diagnostics;
      return found !== undefined;
    }, `${what} for ${path}`);
    return found!;
  }

  async open(path: string, text: string, languageId: string): Promise<void> {
    this.versions.set(path, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uriOf(path), languageId, version: 1, text },
    });
  }

  /** Sends one incremental change (or a full replacement without `range`); returns the version. */
  async change(path: string, edits: { range?: Range; text: string }[]): Promise<number> {
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uriOf(path), version },
      contentChanges: edits.map((e) => (e.range ? { range: e.range, text: e.text } : { text: e.text })),
    });
    return version;
  }

  async close(path: string): Promise<void> {
    this.versions.delete(path);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(path) } });
  }

  async filesChanged(changes: { path: string; type: FileChangeType }[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: changes.map((c) => ({ uri: uriOf(c.path), type: c.type })),
    });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { vpceLint: settings } });
  }

  async stop(root?: string): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // the server may be gone already
    }
    this.connection.dispose();
    this.child.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  }

  /** Changes the settings and waits until the server has re-indexed with them. */
  async applySettings(settings: Record<string, unknown>): Promise<void> {
    const seen = this.statuses.length;
    await this.changeSettings(settings);
    await this.waitFor(() => this.statuses.slice(seen).includes('idle'), 'indexing with the new settings');
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }
}

/** Applies LSP text edits to a text (non-overlapping, as servers must send them). */
export function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => {
    let o = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
