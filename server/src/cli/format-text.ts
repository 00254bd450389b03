// Human output: `path:line:col severity CODE message`, a blank line between files, a summary.
import type { Severity } from '../engine';
import type { Finding, Summary } from './findings';

const COLORS: Record<Severity | 'path' | 'dim' | 'bold', [string, string]> = {
  error: ['\x1b[31m', '\x1b[39m'],
  warning: ['\x1b[33m', '\x1b[39m'],
  info: ['\x1b[36m', '\x1b[39m'],
  hint: ['\x1b[2m', '\x1b[22m'],
  path: ['\x1b[4m', '\x1b[24m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  bold: ['\x1b[1m', '\x1b[22m'],
};

export function formatText(findings: readonly Finding[], summary: Summary, color: boolean): string {
  const paint = (style: keyof typeof COLORS, s: string) => (color ? COLORS[style][0] + s + COLORS[style][1] : s);
  const lines: string[] = [];
  let lastFile: string | undefined;
  for (const f of findings) {
    if (lastFile !== undefined && f.file !== lastFile) lines.push('');
    lastFile = f.file;
    lines.push(`${paint('path', f.file)}:${f.line}:${f.column} ${paint(f.severity, f.severity)} ${paint('dim', f.code)} ${f.message}`);
  }
  if (findings.length) lines.push('');
  lines.push(paint('bold', summaryLine(summary)));
  return lines.join('\n') + '\n';
}

export function summaryLine(s: Summary): string {
  const fixed = s.fixed ? `Fixed ${plural(s.fixed, 'problem')}. ` : '';
  if (s.problems === 0) return `${fixed}No problems found in ${plural(s.filesChecked, 'file')}.`;
  const hints = s.hints ? `, ${plural(s.hints, 'hint')}` : '';
  const fixable = s.fixable ? `; ${s.fixable} fixable with --fix` : '';
  return `${fixed}${plural(s.problems, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.info} info${hints}) in ${plural(s.filesWithProblems, 'file')}${fixable}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** --fix --dry-run's closing line (on stderr: stdout carries only the diff). */
export function dryRunLine(s: Summary, filesChanged: number): string {
  return `Would fix ${plural(s.fixed, 'problem')} in ${plural(filesChanged, 'file')}; ${plural(s.problems, 'problem')} would remain.`;
}
