// Engine diagnostics as LSP diagnostics, and the rule metadata behind a code.
import {
  DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import { RULE_CATALOG, docsUrl, type Diagnostic, type Loc, type Range, type RuleMeta, type Severity } from '../engine';

export const SOURCE = 'vpce-lint';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspDiagnostic(d: Diagnostic, uriOf: (path: string) => string): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.loc.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    codeDescription: { href: d.docsUrl },
    source: SOURCE,
    message: d.message,
  };
  if (d.related.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: uriOf(r.loc.file), range: r.loc.range }, message: r.message }));
  }
  const tags = d.tags.map(lspTag);
  if (tags.length) out.tags = tags;
  return out;
}

/**
 * Converts engine diagnostics to LSP ones and hands back the LSP object made before for a finding
 * that did not change: a keystroke republishes hundreds of findings that are mostly the ones sent
 * last time, and the stdio transport keeps the encoding of each object it sent. Findings are
 * looked up by their location object (a finding replayed by the incremental lint keeps it).
 */
export class LspDiagnostics {
  private readonly byLoc = new WeakMap<Loc, LspDiagnostic[]>();
  /** By the engine's diagnostic itself, which the engine hands out again for an unchanged finding
   *  (one without related information, whose file URIs could change meanwhile). */
  private readonly byDiagnostic = new WeakMap<Diagnostic, LspDiagnostic>();

  constructor(private readonly uriOf: (path: string) => string) {}

  convert(d: Diagnostic): LspDiagnostic {
    const same = this.byDiagnostic.get(d);
    if (same) return same;
    const lsp = this.convertByLoc(d);
    if (!d.related.length) this.byDiagnostic.set(d, lsp);
    return lsp;
  }

  private convertByLoc(d: Diagnostic): LspDiagnostic {
    const known = this.byLoc.get(d.loc);
    if (known) {
      for (let i = 0; i < known.length; i++) if (this.converts(d, known[i])) return known[i];
    }
    const lsp = toLspDiagnostic(d, this.uriOf);
    if (!known) this.byLoc.set(d.loc, [lsp]);
    // Several findings can share a place; a changed one replaces the oldest beyond a few.
    else if (known.push(lsp) > 4) known.shift();
    return lsp;
  }

  /** Whether `lsp` is what `d` converts to (its range is `d.loc.range`, looked up by). */
  private converts(d: Diagnostic, lsp: LspDiagnostic): boolean {
    if (lsp.code !== d.code || lsp.message !== d.message || lsp.severity !== SEVERITY[d.severity]
      || lsp.codeDescription?.href !== d.docsUrl || (lsp.tags?.length ?? 0) !== d.tags.length) return false;
    for (let i = 0; i < d.tags.length; i++) if (lsp.tags![i] !== lspTag(d.tags[i])) return false;
    const related = lsp.relatedInformation ?? [];
    if (related.length !== d.related.length) return false;
    for (let i = 0; i < related.length; i++) {
      const r = d.related[i];
      const l = related[i];
      if (l.message !== r.message || !sameLspRange(l.location.range, r.loc.range) || l.location.uri !== this.uriOf(r.loc.file)) return false;
    }
    return true;
  }
}

function lspTag(tag: Diagnostic['tags'][number]): DiagnosticTag {
  return tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated;
}

function sameLspRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}

const BY_CODE_OR_NAME = new Map(RULE_CATALOG.flatMap((m): [string, RuleMeta][] => [[m.code, m], [m.name, m]]));

export function ruleMeta(code: string): RuleMeta | undefined {
  return BY_CODE_OR_NAME.get(code.toUpperCase()) ?? BY_CODE_OR_NAME.get(code);
}

/** What the client's "Show rule documentation" quick pick lists. */
export interface RuleSummary { code: string; name: string; summary: string; docsUrl: string }

export function ruleSummaries(): RuleSummary[] {
  return RULE_CATALOG.map((m) => ({ code: m.code, name: m.name, summary: m.docs.summary, docsUrl: docsUrl(m.code) }));
}

/** The engine diagnostic a client diagnostic was made from (same code, range and message). */
export function sameDiagnostic(d: Diagnostic, lsp: LspDiagnostic): boolean {
  return String(lsp.code) === d.code && lsp.message === d.message && sameLspRange(d.loc.range, lsp.range);
}
