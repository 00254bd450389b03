// A minimal LSP client over stdio for benchmarks: starts the built server, answers its requests
// (configuration with debounce 0, progress tokens), and lets callers await diagnostics.
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export interface PublishedDiagnostics { uri: string; version?: number; diagnostics: unknown[] }

export class BenchClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  private listeners: ((p: PublishedDiagnostics) => void)[] = [];
  private progressEnded: (() => void)[] = [];

  /** `launch`: more Node options and environment for the server process. */
  constructor(serverJs: string, settings: Record<string, unknown>, serverArgs = ['--stdio'], launch: { nodeArgs?: string[]; env?: Record<string, string> } = {}) {
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
    const nodeArgs = [...process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [], ...launch.nodeArgs ?? []];
    this.proc = spawn(process.execPath, [...nodeArgs, serverJs, ...serverArgs], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...launch.env } });
    // A write racing the server's exit must not take the benchmark down with it.
    this.proc.stdin!.on('error', () => undefined);
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      for (const l of [...this.listeners]) l(p);
    });
    this.conn.onNotification('$/progress', (p: { value: { kind: string } }) => {
      if (p.value?.kind === 'end') for (const l of this.progressEnded.splice(0)) l();
    });
    this.conn.onNotification(() => undefined);
    this.conn.listen();
  }

  async initialize(rootDir?: string): Promise<void> {
    const folders = rootDir ? [{ uri: pathToFileURL(rootDir).toString(), name: path.basename(rootDir) }] : null;
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders?.[0].uri ?? null,
      workspaceFolders: folders,
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true } },
      },
    });
    await this.conn.sendNotification('initialized', {});
  }

  onDiagnostics(listener: (p: PublishedDiagnostics) => void): () => void {
    this.listeners.push(listener);
    return () => { this.listeners = this.listeners.filter((l) => l !== listener); };
  }

  /** Resolves at the next `$/progress` end (the start-up scan finishing). */
  progressEnd(): Promise<void> {
    return new Promise((resolve) => this.progressEnded.push(resolve));
  }

  waitForDiagnostics(uri: string, version?: number): Promise<PublishedDiagnostics> {
    return new Promise((resolve) => {
      const off = this.onDiagnostics((p) => {
        if (p.uri === uri && (version === undefined || p.version === undefined || p.version >= version)) { off(); resolve(p); }
      });
    });
  }

  rssMb(): number {
    const fs = require('fs') as typeof import('fs');
    const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb / 1024;
  }

  async close(): Promise<void> {
    const exited = new Promise((r) => this.proc.exitCode !== null ? r(undefined) : this.proc.once('exit', r));
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch { /* the server may already be gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    this.conn.dispose();
    this.proc.kill();
  }
}
