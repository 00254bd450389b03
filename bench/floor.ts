// Parse-only time versus the whole lint on the same files, in one process, after a warm-up run.
// Prints JSON for bench/run.ts.
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { parseTree } from 'jsonc-parser';
import { candidateKind, initEngine, Workspace } from '../server/src/engine';

const { Parser, Language } = require('web-tree-sitter') as typeof import('web-tree-sitter');

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : candidateKind(p) ? [p] : [];
  });
}

async function main() {
  const [dir, runsArg] = process.argv.slice(2);
  const runs = Number(runsArg ?? 3);
  const files = walk(dir).map((p) => ({ path: p, text: fs.readFileSync(p, 'utf8') }));
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')));
  await initEngine();

  // Every run reads texts it has not seen (a different number of trailing newlines), so that no
  // cache of earlier parses makes the lint look cheaper than a first read.
  let run = 0;
  const fresh = () => { run++; return files.map((f) => ({ path: f.path, text: f.text + '\n'.repeat(run) })); };
  const parseOnce = (texts: typeof files) => {
    for (const f of texts) {
      if (f.path.endsWith('.tf') || f.path.endsWith('.tfvars')) parser.parse(f.text)?.delete();
      else if (f.path.endsWith('.json')) parseTree(f.text);
      else parseDocument(f.text);
    }
  };
  const lintOnce = (texts: typeof files) => {
    const ws = new Workspace({ incremental: false, fixes: 'safe' }); // as the CLI lints for text and JSON
    for (const f of texts) ws.setFile(f.path, f.text);
    ws.lintAll();
    ws.dispose();
  };
  const time = (fn: (texts: typeof files) => void) => {
    const texts = fresh();
    const s = process.hrtime.bigint();
    fn(texts);
    return Number(process.hrtime.bigint() - s) / 1e9;
  };
  time(parseOnce);
  time(lintOnce);
  const parse: number[] = [];
  const lint: number[] = [];
  for (let i = 0; i < runs; i++) { parse.push(time(parseOnce)); lint.push(time(lintOnce)); }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Each run times a parse and a lint back to back: the ratio within a run is the one that does not
  // drift with the machine's speed (which varies by tens of percent from minute to minute here).
  const ratio = median(lint.map((l, i) => l / parse[i]));
  process.stdout.write(JSON.stringify({ parseSeconds: median(parse), lintSeconds: median(lint), ratio }));
}

main().catch((e) => { console.error(e); process.exit(1); });
