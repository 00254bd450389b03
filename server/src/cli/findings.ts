// The CLI's view of a diagnostic: 1-based positions and a path relative to the working directory,
// shared by every output format; and the counts the summary and the exit status are made of.
import { relative, sep } from 'node:path';
import { safeFixOf, type Diagnostic, type Severity } from '../engine';
import type { FailOn } from './args';

export interface Finding {
  /** Relative to the working directory, `/`-separated. */
  file: string;
  line: number;
  column: number;
  endLine: number;
  /** The column just after the last character (exclusive), 1-based. */
  endColumn: number;
  code: string;
  name: string;
  severity: Severity;
  message: string;
  /** --fix would fix it (it has a safe fix). */
  fixable: boolean;
  diagnostic: Diagnostic;
}

export interface Summary {
  /** Files vpce-lint read and checked. */
  filesChecked: number;
  filesWithProblems: number;
  problems: number;
  errors: number;
  warnings: number;
  info: number;
  hints: number;
  fixable: number;
  /** Fixes applied by --fix (or that --dry-run would apply). */
  fixed: number;
}

export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path) || path;
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export function toFinding(d: Diagnostic, cwd: string): Finding {
  const { start, end } = d.loc.range;
  return {
    file: displayPath(cwd, d.loc.file),
    line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1,
    code: d.code, name: d.name, severity: d.severity, message: d.message,
    fixable: safeFixOf(d.fixes) !== undefined, diagnostic: d,
  };
}

/** Findings in file order, then position (the engine sorts within a file). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
}

export function summarize(findings: readonly Finding[], filesChecked: number, fixed: number): Summary {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return {
    filesChecked,
    filesWithProblems: new Set(findings.map((f) => f.file)).size,
    problems: findings.length,
    errors: count('error'), warnings: count('warning'), info: count('info'), hints: count('hint'),
    fixable: findings.filter((f) => f.fixable).length,
    fixed,
  };
}

const RANK: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

export function failsAt(findings: readonly Finding[], failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return findings.some((f) => RANK[f.severity] >= RANK[failOn]);
}
