// Reads files into the Workspace: the whole workspace folders (on start, when settings or a config
// file change), the Terraform module of each file read, open documents, and files that change on
// disk.
import { readFile, stat } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { FileChangeType, type WorkDoneProgressServerReporter } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, candidateKind, dirnameOf } from '../engine';
import { GitignoreFiles, isTerraformName, terraformFilesIn, walkTree } from '../shared/discover';
import { errorText, internalError } from './errors';
import { fileUriToPath } from './paths';
import { STATUS_NOTIFICATION } from './protocol';
import type { DiagnosticsPublisher } from './publisher';
import type { ServerContext } from './serverContext';

/** Files beyond this are not even read (the size setting turns smaller ones into VPCE004). */
const MAX_READ_BYTES = 64 * 1024 * 1024;

export class WorkspaceIndexer {
  private readonly loggedSkips = new Set<string>();
  private indexRun = 0;
  /** Set once the client's settings are loaded: a scan before then would be thrown away. */
  ready = false;

  constructor(private readonly ctx: ServerContext, private readonly publisher: DiagnosticsPublisher) {}

  /** Re-reads every workspace folder into a fresh Workspace (settings may have changed what is
   *  read and how), then lints everything. A newer run supersedes an older one. */
  async index(): Promise<void> {
    if (!this.ready) return;
    const run = ++this.indexRun;
    const stale = () => run !== this.indexRun;
    const progress = await this.beginProgress();
    this.sendStatus({ state: 'indexing' });
    try {
      this.ctx.configFiles.clear();
      this.ctx.gitignores = new GitignoreFiles();
      this.ctx.diskText.clear();
      this.ctx.loadedDirs.clear();
      this.ctx.contextOnly.clear();
      this.ctx.wsVersion.clear();
      this.ctx.resetWorkspace();
      if (!this.ctx.settings.enable) {
        this.publisher.clearAll();
        return;
      }
      for (const doc of this.ctx.documents.all()) this.syncDocument(doc);
      const found: string[] = [];
      for (const root of this.ctx.roots) {
        const walked = await walkTree(root, {
          gitignores: this.ctx.gitignores, configIgnores: (dir) => this.ctx.configIgnores(dir), shouldStop: stale,
        });
        for (const config of walked.configs) this.ctx.configFiles.load(dirnameOf(config));
        for (const error of walked.errors) this.ctx.log(error);
        found.push(...walked.files);
      }
      for (let i = 0; i < found.length && !stale(); i++) {
        if (i % 25 === 0) progress?.report(Math.floor((i / found.length) * 90), `${i}/${found.length} files`);
        if (!this.ctx.openDocument(found[i])) await this.loadFromDisk(found[i]);
      }
      for (const path of found) if (!stale()) this.loadModuleOf(path);
      if (stale()) return;
      progress?.report(90, 'linting');
      const ids = this.ctx.ws.scopeIds();
      for (let i = 0; i < ids.length && !stale(); i++) {
        this.publisher.lintAndPublish([ids[i]]);
        if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
      }
      if (stale()) return;
      this.publisher.clearRemoved();
      this.publisher.publishConfigProblems();
      this.ctx.log(`Indexed ${found.length} files in ${this.ctx.roots.length} workspace folder(s): ${ids.length} scopes.`);
    } finally {
      progress?.done();
      if (!stale()) this.sendStatus({ state: 'idle' });
    }
  }

  /** Brings the Workspace up to date with an open document; returns the scopes that changed. */
  syncDocument(doc: TextDocument): string[] {
    const path = this.ctx.pathOfDoc(doc);
    if (!path || !this.ctx.settings.enable || this.ctx.isIgnored(path)) return [];
    this.ctx.contextOnly.delete(path);
    this.loadModuleOf(path);
    const ids = this.setFile(path, doc.getText());
    this.ctx.wsVersion.set(path, doc.version);
    return ids;
  }

  async loadFromDisk(path: string): Promise<string[]> {
    try {
      const info = await stat(path);
      if (info.size > MAX_READ_BYTES) {
        this.ctx.log(`Skipped ${path}: ${Math.round(info.size / 1048576)} MB is too large to read.`);
        return [];
      }
      const text = await readFile(path, 'utf8');
      if (this.ctx.openDocument(path)) return []; // opened while we read: the editor's text wins
      this.ctx.diskText.set(path, text);
      return this.setFile(path, text);
    } catch (err) {
      this.ctx.log(`Could not read ${path}: ${errorText(err)}`);
      return [];
    }
  }

  forget(path: string): void {
    this.ctx.diskText.delete(path);
    const ids = this.ctx.ws.hasFile(path) ? this.ctx.ws.deleteFile(path) : [];
    this.publisher.publish(path, undefined, []);
    this.publisher.lintAndPublish(ids);
  }

  async filesChanged(changes: { uri: string; type: FileChangeType }[]): Promise<void> {
    const ids = new Set<string>();
    let configChanged = false;
    for (const change of changes) {
      const path = fileUriToPath(change.uri);
      if (!path) continue;
      // Terraform modules that read this file with file()/templatefile() depend on it.
      for (const id of this.ctx.ws.touchFile(path)) ids.add(id);
      if (basename(path) === CONFIG_FILE_NAME) {
        configChanged = true;
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder arrives as one event for the folder.
        const gone = [...this.ctx.diskText.keys()].filter((p) => p === path || p.startsWith(path + '/'));
        for (const p of gone) if (!this.ctx.openDocument(p)) this.forget(p);
        continue;
      }
      if (!this.ctx.settings.enable || this.ctx.openDocument(path) || !candidateKind(path) || this.ctx.isSkippedOnDisk(path)) continue;
      for (const id of await this.loadFromDisk(path)) ids.add(id);
    }
    if (configChanged) await this.index();
    else this.publisher.lintAndPublish([...ids]);
  }

  /** A Terraform file is linted with its whole module: read the module's other files once.
   *  Those the workspace scan skips (ignored ones) are context only, as in the CLI. */
  private loadModuleOf(path: string): void {
    const dir = dirnameOf(path);
    if (this.ctx.loadedDirs.has(dir) || this.ctx.paths.isUntitled(path) || !isTerraformName(path)) return;
    this.ctx.loadedDirs.add(dir);
    for (const sibling of terraformFilesIn(dir)) {
      if (sibling === path || this.ctx.ws.hasFile(sibling) || this.ctx.openDocument(sibling)) continue;
      if (this.ctx.isSkippedOnDisk(sibling)) this.ctx.contextOnly.add(sibling);
      try {
        if (statSync(sibling).size > MAX_READ_BYTES) continue;
        const text = readFileSync(sibling, 'utf8');
        this.ctx.diskText.set(sibling, text);
        this.setFile(sibling, text);
      } catch (err) {
        this.ctx.log(`Could not read ${sibling}: ${errorText(err)}`);
      }
    }
  }

  private setFile(path: string, text: string): string[] {
    try {
      const ids = this.ctx.ws.setFile(path, text);
      const id = this.ctx.ws.scopeIdOf(path);
      if (id?.startsWith('skipped:') && !this.loggedSkips.has(path)) {
        this.loggedSkips.add(path);
        this.ctx.log(`Skipped ${path} (too large or binary).`);
      }
      return ids;
    } catch (err) {
      this.ctx.log(`Failed to read ${path}: ${errorText(err)}`);
      this.publisher.publish(path, undefined, [internalError(path, `vpce-lint could not read this file: ${errorText(err)}`)]);
      return [];
    }
  }

  private async beginProgress(): Promise<WorkDoneProgressServerReporter | undefined> {
    if (!this.ctx.supports.progress) return undefined;
    try {
      const progress = await this.ctx.connection.window.createWorkDoneProgress();
      progress.begin('vpce-lint: indexing', 0, 'reading files', false);
      return progress;
    } catch {
      return undefined;
    }
  }

  private sendStatus(status: { state: 'indexing' | 'idle' }): void {
    void this.ctx.connection.sendNotification(STATUS_NOTIFICATION, status);
  }
}
