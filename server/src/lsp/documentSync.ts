// Open documents: an edit is linted after the debounce, or at once when a request needs the
// current text; a closed document reverts to the file on disk or stops being linted.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { candidateKind, dirnameOf } from '../engine';
import { isTerraformName } from '../shared/discover';
import type { WorkspaceIndexer } from './indexer';
import type { DiagnosticsPublisher } from './publisher';
import type { ServerContext } from './serverContext';

export class DocumentSync {
  /** Lints waiting for their debounce, by document. */
  private readonly pending = new Map<string, { cancel(): void }>();

  constructor(
    private readonly ctx: ServerContext,
    private readonly indexer: WorkspaceIndexer,
    private readonly publisher: DiagnosticsPublisher,
  ) {}

  schedule(uri: string, delayMs: number): void {
    this.pending.get(uri)?.cancel();
    const run = () => this.ctx.guardSync('lint', undefined, () => this.flush(uri));
    // No debounce: lint once the changes already received are applied (a timer would wait at
    // least a millisecond more).
    if (delayMs <= 0) {
      const immediate = setImmediate(run);
      this.pending.set(uri, { cancel: () => clearImmediate(immediate) });
    } else {
      const timer = setTimeout(run, delayMs);
      this.pending.set(uri, { cancel: () => clearTimeout(timer) });
    }
  }

  /** Brings the Workspace up to date with a document and lints its scope if it changed.
   *  Returns false when the document is not one vpce-lint reads. */
  flush(uri: string): boolean {
    const doc = this.ctx.documents.get(uri);
    this.pending.get(uri)?.cancel();
    this.pending.delete(uri);
    // Before the client's settings are in, findings could be ones the user turned off; the scan
    // that starts once they are lints every open document.
    if (!doc || !this.indexer.ready) return false;
    const path = this.ctx.pathOfDoc(doc);
    if (!path) return false;
    if (this.ctx.wsVersion.get(path) === doc.version) return true;
    if (!this.ctx.settings.enable || this.ctx.isIgnored(path)) {
      this.publisher.publish(path, undefined, []);
      return false;
    }
    this.publisher.lintAndPublish(this.indexer.syncDocument(doc));
    return true;
  }

  async closed(doc: TextDocument): Promise<void> {
    this.pending.get(doc.uri)?.cancel();
    this.pending.delete(doc.uri);
    const path = this.ctx.paths.pathOf(doc.uri, doc.languageId);
    if (!path) return;
    this.ctx.wsVersion.delete(path);
    // A workspace file reverts to what is on disk, and so does an ignored file of a loaded
    // module (as context); anything else stops being linted.
    const scanned = this.ctx.rootOf(path) !== undefined && candidateKind(path) !== undefined && !this.ctx.isSkippedOnDisk(path);
    const context = !scanned && this.ctx.loadedDirs.has(dirnameOf(path)) && isTerraformName(path);
    if (this.ctx.settings.enable && (scanned || context)) {
      if (context) this.ctx.contextOnly.add(path);
      const ids = await this.indexer.loadFromDisk(path);
      if (this.ctx.diskText.has(path)) {
        this.publisher.lintAndPublish(ids);
        return;
      }
    }
    this.ctx.contextOnly.delete(path);
    this.indexer.forget(path);
  }
}
