// Machine output for scripts: one JSON object, positions 1-based, paths relative to the working
// directory.
import type { Finding, Summary } from './findings';

export function formatJson(findings: readonly Finding[], summary: Summary, version: string): string {
  const out = {
    version,
    findings: findings.map((f) => ({
      file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn,
      code: f.code, name: f.name, severity: f.severity, message: f.message, fixable: f.fixable,
    })),
    summary,
  };
  return JSON.stringify(out, null, 2) + '\n';
}
