// Table-driven rule fixtures. Layout, per rule:
//   test/rules/fixtures/<CODE>/<case>/            input files (a Terraform module, a template, a policy)
//   test/rules/fixtures/<CODE>/<case>/expected.json   the exact findings of <CODE> (invalid cases)
//   test/rules/fixtures/<CODE>/<case>/fixed/...       the files after applying every fix of <CODE>
// Cases named `valid-*` must produce no finding of <CODE>; `invalid-*` must match expected.json.
import * as fs from 'fs';
import * as path from 'path';
import { applyEdits, initEngine, Workspace, type Diagnostic, type TextEdit, type WorkspaceOptions } from '../../server/src/engine';

export const FIXTURES = path.join(__dirname, 'fixtures');

export interface ExpectedFinding {
  file: string;
  /** 1-based `line:col-line:col`, end exclusive, as editors show positions. */
  range: string;
  severity: string;
  message: string;
}

export interface RuleCase { code: string; name: string; dir: string; files: string[] }

export function listCases(): RuleCase[] {
  if (!fs.existsSync(FIXTURES)) return [];
  const out: RuleCase[] = [];
  for (const code of fs.readdirSync(FIXTURES).sort()) {
    for (const name of fs.readdirSync(path.join(FIXTURES, code)).sort()) {
      const dir = path.join(FIXTURES, code, name);
      if (!fs.statSync(dir).isDirectory()) continue;
      out.push({ code, name, dir, files: inputFiles(dir) });
    }
  }
  return out;
}

function inputFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f !== 'expected.json' && f !== 'fixed' && fs.statSync(path.join(dir, f)).isFile()).sort();
}

/** Lints the case's files together, as the editor would (or with `options`, as the CLI does). */
export async function lintFiles(dir: string, texts: Map<string, string>, options?: WorkspaceOptions): Promise<Map<string, Diagnostic[]>> {
  await initEngine();
  const ws = new Workspace(options);
  for (const [file, text] of texts) ws.setFile(path.join(dir, file), text);
  const out = new Map<string, Diagnostic[]>();
  for (const [p, list] of ws.lintAll()) out.set(path.relative(dir, p), list);
  return out;
}

export function readTexts(dir: string, files: string[]): Map<string, string> {
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

export function toExpected(file: string, d: Diagnostic): ExpectedFinding {
  const r = d.loc.range;
  return {
    file,
    range: `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`,
    severity: d.severity,
    message: d.message,
  };
}

export function findingsOf(code: string, all: Map<string, Diagnostic[]>): { file: string; d: Diagnostic }[] {
  const out: { file: string; d: Diagnostic }[] = [];
  for (const [file, list] of [...all].sort(([a], [b]) => a.localeCompare(b))) {
    for (const d of list) if (d.code === code) out.push({ file, d });
  }
  return out;
}

/**
 * Applies the preferred (else first) fix of every finding of `code`, re-linting between passes,
 * until no finding of `code` has a fix left. Returns the texts and the number of passes.
 */
export async function fixUntilStable(code: string, dir: string, texts: Map<string, string>, maxPasses = 5): Promise<{ texts: Map<string, string>; passes: number }> {
  let current = new Map(texts);
  for (let pass = 1; pass <= maxPasses; pass++) {
    const findings = findingsOf(code, await lintFiles(dir, current));
    const edits: TextEdit[] = [];
    for (const { d } of findings) {
      const fix = d.fixes.find((f) => f.preferred) ?? d.fixes[0];
      if (fix) edits.push(...fix.edits);
    }
    if (!edits.length) return { texts: current, passes: pass - 1 };
    const next = new Map(current);
    for (const [file, text] of current) {
      const mine = edits.filter((e) => path.relative(dir, e.file) === file);
      if (mine.length) next.set(file, applyEdits(text, mine));
    }
    current = next;
  }
  return { texts: current, passes: maxPasses };
}

/** The format of a fixture file, from its name (fixtures use plain names). */
export function formatOf(file: string): 'terraform' | 'cloudformation' | 'policy' | undefined {
  if (/\.tf(\.json)?$|\.tfvars(\.json)?$/.test(file)) return 'terraform';
  if (/\.(ya?ml|template)$/.test(file)) return 'cloudformation';
  if (/policy.*\.json$/.test(file)) return 'policy';
  if (/\.json$/.test(file)) return 'cloudformation';
  return undefined;
}
