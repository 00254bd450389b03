// Lints scopes and publishes their diagnostics, remembering what each file was last given so that
// a file whose diagnostics are gone is cleared once, and a file of the same module whose diagnostics
// and version did not change is not sent them again (a keystroke in one file of a module lints all
// of its files).
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { CONFIG_ERROR, engineDiagnostic, INTERNAL_ERROR, type Diagnostic } from '../engine';
import { LspDiagnostics, toLspDiagnostic } from './diagnostics';
import { errorText, internalError } from './errors';
import type { ServerContext } from './serverContext';

export class DiagnosticsPublisher {
  /** Latest engine diagnostics per path, the scope they came from, the document version the client
   *  was last sent diagnostics with, and what it was sent. */
  private readonly results = new Map<string, { scope: string; diagnostics: Diagnostic[]; version: number | undefined; sent: LspDiagnostic[] }>();
  private readonly configPublished = new Set<string>();
  private readonly lsp: LspDiagnostics;

  constructor(private readonly ctx: ServerContext) {
    this.lsp = new LspDiagnostics((p) => ctx.paths.uriOf(p));
  }

  /** The engine diagnostics last published for a path (code actions and hovers explain them). */
  diagnosticsOf(path: string): Diagnostic[] {
    return this.results.get(path)?.diagnostics ?? [];
  }

  lintAndPublish(ids: readonly string[]): void {
    for (const id of new Set(ids)) {
      let results: Map<string, Diagnostic[]>;
      try {
        results = this.ctx.ws.lintScope(id);
      } catch (err) {
        this.ctx.log(`Linting ${id} failed: ${errorText(err)}`);
        results = new Map(this.ctx.ws.filesOf(id).map((p) => [p, [internalError(p, `vpce-lint failed on this file: ${errorText(err)}`)]]));
      }
      for (const [path, result] of this.results) {
        if (result.scope === id && !results.has(path)) this.publish(path, undefined, []);
      }
      for (const [path, diagnostics] of results) {
        if (this.ctx.contextOnly.has(path)) {
          this.publish(path, undefined, []);
          continue;
        }
        for (let i = 0; i < diagnostics.length; i++) if (diagnostics[i].code === INTERNAL_ERROR.code) this.ctx.log(`${path}: ${diagnostics[i].message}`);
        this.publish(path, id, diagnostics);
      }
    }
  }

  /** Publishes unless the document changed since its text went into the Workspace (the pending
   *  lint of the newer version will publish instead). */
  publish(path: string, scope: string | undefined, diagnostics: Diagnostic[]): void {
    const doc = this.ctx.openDocument(path);
    if (doc && scope !== undefined && this.ctx.wsVersion.get(path) !== doc.version) return;
    const last = this.results.get(path);
    let sent: LspDiagnostic[] = [];
    if (scope === undefined && !diagnostics.length) {
      if (!last) return;
      this.results.delete(path);
    } else {
      sent = new Array<LspDiagnostic>(diagnostics.length);
      for (let i = 0; i < diagnostics.length; i++) sent[i] = this.lsp.convert(diagnostics[i]);
      // Kept even when not sent: code actions read these diagnostics' fixes, made from this lint.
      this.results.set(path, { scope: scope ?? '', diagnostics, version: doc?.version, sent });
      // Unchanged findings are the very objects sent last time, so this is mostly identity checks.
      if (last && last.version === doc?.version && isDeepStrictEqual(last.sent, sent)) return;
    }
    void this.ctx.connection.sendDiagnostics({ uri: this.ctx.paths.uriOf(path), version: doc?.version, diagnostics: sent });
  }

  publishConfigProblems(): void {
    const withProblems = new Set<string>();
    for (const config of this.ctx.configFiles.loaded()) {
      if (!config.problems.length) continue;
      withProblems.add(config.path);
      const diagnostics = config.problems.map((p) => engineDiagnostic(CONFIG_ERROR, p.loc, p.message));
      void this.ctx.connection.sendDiagnostics({ uri: this.ctx.paths.uriOf(config.path), diagnostics: diagnostics.map((d) => toLspDiagnostic(d, (p) => this.ctx.paths.uriOf(p))) });
    }
    for (const path of this.configPublished) {
      if (!withProblems.has(path)) void this.ctx.connection.sendDiagnostics({ uri: this.ctx.paths.uriOf(path), diagnostics: [] });
    }
    this.configPublished.clear();
    for (const p of withProblems) this.configPublished.add(p);
  }

  /** Clears the files that are no longer in the Workspace. */
  clearRemoved(): void {
    for (const path of [...this.results.keys()]) if (!this.ctx.ws.hasFile(path)) this.publish(path, undefined, []);
  }

  clearAll(): void {
    for (const path of [...this.results.keys()]) this.publish(path, undefined, []);
  }
}
