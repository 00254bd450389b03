// Engine diagnostics as LSP diagnostics, and the rule metadata behind a code.
import {
  DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver/node';
import { RULE_CATALOG, docsUrl, type Diagnostic, type RuleMeta, type Severity } from '../engine';

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
  const tags = d.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (tags.length) out.tags = tags;
  return out;
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
  const a = d.loc.range;
  const b = lsp.range;
  return String(lsp.code) === d.code && lsp.message === d.message
    && a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}
