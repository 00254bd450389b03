// Lints the real-world corpus (../shared/corpus, beside the project) the way the CLI lints a
// folder, and returns findings in a stable, reviewable form.
import * as fs from 'fs';
import * as path from 'path';
import { candidateKind, initEngine, Workspace } from '../../server/src/engine';
import { readModuleFile } from '../../server/src/shared/read-module-file';

export const CORPUS = path.join(__dirname, '..', '..', '..', 'shared', 'corpus');
export const EXPECTED = path.join(__dirname, 'expected-findings.json');

export interface CorpusFinding { file: string; line: number; column: number; code: string; severity: string; message: string }

export function corpusFiles(dir = CORPUS): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...corpusFiles(p));
    else if (candidateKind(p)) out.push(p);
  }
  return out.sort();
}

export async function lintCorpus(): Promise<CorpusFinding[]> {
  await initEngine();
  const ws = new Workspace({ readFile: readModuleFile });
  for (const f of corpusFiles()) ws.setFile(f, fs.readFileSync(f, 'utf8'));
  const out: CorpusFinding[] = [];
  for (const [file, list] of ws.lintAll()) {
    for (const d of list) {
      out.push({
        file: path.relative(CORPUS, file).split(path.sep).join('/'),
        line: d.loc.range.start.line + 1, column: d.loc.range.start.character + 1,
        code: d.code, severity: d.severity, message: d.message,
      });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code) || a.message.localeCompare(b.message));
}

/** Manifest notes by corpus path. */
export function manifestNotes(): Map<string, string> {
  const lines = fs.readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  return new Map(lines.filter(Boolean).map((l) => { const c = l.split('\t'); return [c[0], c[5] ?? '']; }));
}
