// Lints scopes and publishes their diagnostics, remembering what each file was last given so that
// a file whose diagnostics are gone is cleared once.
import { CONFIG_ERROR, engineDiagnostic, INTERNAL_ERROR, type Diagnostic } from '../engine';
import { toLspDiagnostic } from './diagnostics';
import { errorText, internalError } from './errors';
import type { ServerContext } from './serverContext';


export class DiagnosticsPublisher {
  /** Latest published engine diagnostics per path, and the scope they came from. */
  private readonly results = new Map<string, { scope: string; diagnostics: Diagnostic[] }>();
  private readonly configPublished = new Set<string>();

  constructor(private readonly ctx: ServerContext) {}

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
        for (const d of diagnostics) if (d.code === INTERNAL_ERROR.code) this.ctx.log(`${path}: ${d.message}`);
        this.publish(path, id, diagnostics);
      }
    }
  }

  /** Publishes unless the document changed since its text went into the Workspace (the pending
   *  lint of the newer version will publish instead). */
  publish(path: string, scope: string | undefined, diagnostics: Diagnostic[]): void {
    const doc = this.ctx.openDocument(path);
    if (doc && scope !== undefined && this.ctx.wsVersion.get(path) !== doc.version) return;
    if (scope === undefined && !diagnostics.length) {
      if (!this.results.has(path)) return;
      this.results.delete(path);
    } else {
      this.results.set(path, { scope: scope ?? '', diagnostics });
    }
    const uriOf = (p: string) => this.ctx.paths.uriOf(p);
    void this.ctx.connection.sendDiagnostics({
      uri: uriOf(path), version: doc?.version, diagnostics: diagnostics.map((d) => toLspDiagnostic(d, uriOf)),
    });
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
