// Runs the built CLI (dist/cli.js) as a user would, on copies of the fixtures in temporary
// directories so tests can change files and paths in the output stay short.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const CLI = join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(__dirname, 'fixtures');

let built = false;

/** Builds dist/ once per test process. VPCE_LINT_SKIP_BUILD=1 reuses an existing build. */
export function ensureBuilt(): void {
  if (built || process.env.VPCE_LINT_SKIP_BUILD) return;
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  built = true;
}

export interface CliResult { status: number; stdout: string; stderr: string }

export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliResult {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...base, ...env }, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const tempDirs: string[] = [];
// Removed when the test process ends, so runs do not pile up copies in the temp folder.
process.once('exit', () => { for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true }); });

/** A fresh copy of test/cli/fixtures/<name> (or an empty directory). */
export function tempCopy(name?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-lint-cli-'));
  tempDirs.push(dir);
  if (name) cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

/** 1-based line and column of the first occurrence of `needle` in a file, and where it ends. */
export function locate(path: string, needle: string): { line: number; column: number; endLine: number; endColumn: number } {
  const text = readFileSync(path, 'utf8');
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in ${path}`);
  const before = text.slice(0, offset).split('\n');
  const line = before.length;
  const column = before[before.length - 1].length + 1;
  return { line, column, endLine: line, endColumn: column + needle.length };
}

export interface JsonFinding {
  file: string; line: number; column: number; endLine: number; endColumn: number;
  code: string; name: string; severity: string; message: string; fixable: boolean;
}
export interface JsonOutput { version: string; findings: JsonFinding[]; summary: Record<string, number> }

export function json(r: CliResult): JsonOutput {
  return JSON.parse(r.stdout) as JsonOutput;
}

export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
