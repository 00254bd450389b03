// `npm run bench`: workspace throughput, cfn-lint comparison, parse floor, editor latency and
// memory. Prints a table, writes bench/results/latest.json; `-- --check` exits 1 on a missed budget;
// `-- --only=latency,scan` (sections: throughput, cfn-lint, floor, latency, scan) measures some only.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { generateWorkspace, largeTemplate, largeTerraformFile } from './generate';
import { BenchClient } from './lsp-client';

const ROOT = path.join(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SERVER = path.join(ROOT, 'dist', 'server.js');
const WORK = path.join(os.tmpdir(), 'vpce-lint-bench');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const check = process.argv.includes('--check');
/** `-- --only latency,scan`: measure some sections only (for iterating on one budget). */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const wanted = (section: string) => !only || only.includes(section);

const BUDGETS = {
  cli1000Seconds: 3,
  growthExponent: 1.15,
  cfnLintSpeedup: 20,
  lintOverParse: 2.5,
  keystrokeP95Ms: 25,
  startupScanSeconds: 4,
  rssMb: 250,
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

function timeCommand(cmd: string, args: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`);
  return seconds;
}

function throughput() {
  const rows: { files: number; lines: number; seconds: number; linesPerSecond: number }[] = [];
  for (const size of [100, 1000, 5000]) {
    const ws = generateWorkspace(path.join(WORK, `ws-${size}`), size);
    const times = Array.from({ length: RUNS }, () => timeCommand(process.execPath, [CLI, '--format', 'json', '--fail-on', 'never', ws.dir]));
    const seconds = median(times);
    rows.push({ files: ws.files, lines: ws.lines, seconds, linesPerSecond: Math.round(ws.lines / seconds) });
  }
  const t1000 = rows[1].seconds;
  const t5000 = rows[2].seconds;
  return { rows, exponent: Math.log(t5000 / t1000) / Math.log(5) };
}

function againstCfnLint() {
  const ws = generateWorkspace(path.join(WORK, 'ws-1000'), 1000);
  const hasCfnLint = spawnSync('cfn-lint', ['--version'], { stdio: 'ignore' }).status === 0;
  const vpceOnce = () => timeCommand(process.execPath, [CLI, '--format', 'json', '--fail-on', 'never', ...ws.templates]);
  if (!hasCfnLint) {
    return { templates: ws.templates.length, vpceLintSeconds: median(Array.from({ length: RUNS }, vpceOnce)), cfnLintSeconds: undefined, speedup: undefined };
  }
  // Each run times both tools back to back, and the speed-up is the median of the runs' own
  // ratios: this machine's speed drifts between runs more than the tools differ from run to run.
  const vpce: number[] = [];
  const cfn: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    vpce.push(vpceOnce());
    const start = process.hrtime.bigint();
    spawnSync('cfn-lint', ['--', ...ws.templates], { stdio: 'ignore', maxBuffer: 1 << 28 });
    cfn.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return { templates: ws.templates.length, vpceLintSeconds: median(vpce), cfnLintSeconds: median(cfn), speedup: median(cfn.map((c, i) => c / vpce[i])) };
}

/** Parse-only time (the three parsers alone) against the whole in-process lint, same files. */
async function againstParseFloor() {
  const ws = generateWorkspace(path.join(WORK, 'ws-1000'), 1000);
  // A run takes about a second, and a ratio of two noisy timings needs more of them than the rest.
  const runs = Math.max(RUNS, 9);
  const out = execFileSync(process.execPath, ['-r', path.join(ROOT, 'test', 'register.js'), path.join(__dirname, 'floor.ts'), ws.dir, String(runs)], { encoding: 'utf8' });
  return JSON.parse(out) as { parseSeconds: number; lintSeconds: number; ratio: number };
}

/** 200 keystrokes typed into `text` through a server: a space typed at the end of a line spread
 *  over the file, then deleted again, so the text stays valid and every edit is a real keystroke.
 *  Returns the time from each didChange to its publishDiagnostics, and the last diagnostics. */
async function typeInto(client: BenchClient, text: string, file: string): Promise<{ times: number[]; last: unknown[] }> {
  const uri = pathToFileURL(file).toString();
  await client.initialize();
  const first = client.waitForDiagnostics(uri);
  await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: file.endsWith('.tf') ? 'terraform' : 'yaml', version: 1, text } });
  let last = (await first).diagnostics;
  const lines = text.split('\n');
  const times: number[] = [];
  let line = 0;
  for (let v = 2; v < 202; v++) {
    const insert = v % 2 === 0;
    if (insert) line = (v * 7919) % lines.length;
    const character = lines[line].length;
    const change = insert
      ? { range: { start: { line, character }, end: { line, character } }, text: ' ' }
      : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
    const done = client.waitForDiagnostics(uri, v);
    const start = process.hrtime.bigint();
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    last = (await done).diagnostics;
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await client.close();
  return { times, last };
}

async function editorLatency() {
  const settings = { enable: true, debounceMs: 0, rules: {}, ignore: [], maxFileSizeKb: 4096 };
  const results: Record<string, { p50: number; p95: number; max: number; p95After10: number; edits: number; diagnostics: number; floorP50: number; floorP95: number; server: ServerShare }> = {};
  for (const [name, text, file] of [
    ['terraform-5000-lines', largeTerraformFile(5000), 'main.tf'],
    ['template-5000-lines', largeTemplate(5000), 'template.yaml'],
  ] as const) {
    const dir = path.join(WORK, `latency-${name}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const filePath = path.join(dir, file);
    fs.writeFileSync(filePath, text);
    // Each run a fresh server; the figures are medians of the runs' own percentiles.
    const runs: { p50: number; p95: number; max: number; p95After10: number }[] = [];
    let last: unknown[] = [];
    for (let i = 0; i < RUNS; i++) {
      const run = await typeInto(new BenchClient(SERVER, settings), text, filePath);
      // The first edits after opening a file run while V8 compiles the edit paths: the p95 of the
      // rest says what typing costs once they are compiled (reported, not a budget).
      runs.push({ p50: percentile(run.times, 50), p95: percentile(run.times, 95), max: Math.max(...run.times), p95After10: percentile(run.times.slice(10), 95) });
      last = run.last;
    }
    // The floor: a stand-in server that only answers each edit with those same diagnostics.
    const published = path.join(dir, 'diagnostics.json');
    fs.writeFileSync(published, JSON.stringify(last));
    const floor = (await typeInto(new BenchClient(path.join(__dirname, 'echo-server.js'), settings, [published]), text, filePath)).times;
    results[name] = {
      p50: median(runs.map((r) => r.p50)), p95: median(runs.map((r) => r.p95)), max: median(runs.map((r) => r.max)), p95After10: median(runs.map((r) => r.p95After10)), edits: 200, diagnostics: last.length,
      floorP50: percentile(floor, 50), floorP95: percentile(floor, 95), server: await serverShare(text, filePath, settings),
    };
  }
  return results;
}

/** The server's own share of an edit's latency, from one more run with bench/server-timing.js
 *  loaded into it (a run of its own: the budget's runs carry no instrument). */
interface ServerShare { p50: number; p95: number; first20Mean: number; restMean: number; editsWithScavenge: number; scavengeEditMean: number }

async function serverShare(text: string, filePath: string, settings: Record<string, unknown>): Promise<ServerShare> {
  const log = path.join(WORK, 'server-timing.jsonl');
  fs.rmSync(log, { force: true });
  await typeInto(new BenchClient(SERVER, settings, undefined, { nodeArgs: ['-r', path.join(__dirname, 'server-timing.js')], env: { BENCH_SERVER_TIMING: log } }), text, filePath);
  const edits = fs.readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as [number, number, number]);
  const ms = edits.map((e) => e[0]);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const scavenged = edits.filter((e) => e[2] > 0);
  return {
    p50: percentile(ms, 50), p95: percentile(ms, 95), first20Mean: mean(ms.slice(0, 20)), restMean: mean(ms.slice(20)),
    editsWithScavenge: scavenged.length, scavengeEditMean: scavenged.length ? mean(scavenged.map((e) => e[1])) : 0,
  };
}

async function startupScan() {
  const ws = generateWorkspace(path.join(WORK, 'ws-1000'), 1000);
  const client = new BenchClient(SERVER, { enable: true, debounceMs: 0, rules: {}, ignore: [], maxFileSizeKb: 2048 });
  const start = process.hrtime.bigint();
  const ended = client.progressEnd();
  let published = 0;
  client.onDiagnostics(() => { published++; });
  await client.initialize(ws.dir);
  await ended;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  await new Promise((r) => setTimeout(r, 200));
  const rss = client.rssMb();
  await client.close();
  return { files: ws.files, published, seconds, rssMb: rss };
}

async function main() {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  fs.mkdirSync(WORK, { recursive: true });
  // Each section is printed as soon as it is measured: a late failure keeps the earlier figures.
  const fmt = (n: number | undefined, d = 2) => (n === undefined ? 'n/a' : n.toFixed(d));
  const t = wanted('throughput') ? throughput() : undefined;
  if (t) {
    console.log('\nWorkspace throughput (cold CLI, median of %d)', RUNS);
    for (const r of t.rows) console.log(`  ${String(r.files).padStart(5)} files ${String(r.lines).padStart(8)} lines  ${fmt(r.seconds)} s  ${r.linesPerSecond.toLocaleString('en')} lines/s`);
    console.log(`  growth exponent 1,000 -> 5,000: ${fmt(t.exponent)}`);
  }
  const cfn = wanted('cfn-lint') ? againstCfnLint() : undefined;
  if (cfn) console.log(`\ncfn-lint vs vpce-lint on ${cfn.templates} templates: ${fmt(cfn.cfnLintSeconds)} s vs ${fmt(cfn.vpceLintSeconds)} s (x${fmt(cfn.speedup, 1)})`);
  const floor = wanted('floor') ? await againstParseFloor() : undefined;
  if (floor) console.log(`\nParse floor: parse ${fmt(floor.parseSeconds, 3)} s, lint ${fmt(floor.lintSeconds, 3)} s, ratio ${fmt(floor.ratio)}`);
  const latency = wanted('latency') ? await editorLatency() : undefined;
  if (latency) {
    console.log('\nEditor latency (didChange -> publishDiagnostics, debounce 0)');
    for (const [name, l] of Object.entries(latency)) {
      console.log(`  ${name}: p50 ${fmt(l.p50, 1)} ms, p95 ${fmt(l.p95, 1)} ms, max ${fmt(l.max, 1)} ms over ${l.edits} edits (${l.diagnostics} diagnostics each; medians of ${RUNS} runs)`);
      console.log(`    p95 of the edits after the first ten: ${fmt(l.p95After10, 1)} ms`);
      console.log(`    transport floor (a server that only answers with the same diagnostics): p50 ${fmt(l.floorP50, 1)} ms, p95 ${fmt(l.floorP95, 1)} ms`);
      const s = l.server;
      console.log(`    server's share (didChange in -> publish out, one more run): p50 ${fmt(s.p50, 1)} ms, p95 ${fmt(s.p95, 1)} ms; mean of the first 20 edits ${fmt(s.first20Mean, 1)} ms, of the rest ${fmt(s.restMean, 1)} ms; ${s.editsWithScavenge} edits held a scavenge (GC ${fmt(s.scavengeEditMean, 1)} ms in each)`);
    }
  }
  const scan = wanted('scan') ? await startupScan() : undefined;
  if (scan) console.log(`\nStart-up scan: ${scan.files} files in ${fmt(scan.seconds)} s (${scan.published} publishes), RSS ${fmt(scan.rssMb, 0)} MB`);

  const budgets = [
    { name: '1,000-file workspace, cold CLI (s)', value: t?.rows[1].seconds, max: BUDGETS.cli1000Seconds },
    { name: 'growth exponent 1,000 -> 5,000 files', value: t?.exponent, max: BUDGETS.growthExponent },
    { name: 'speed-up over cfn-lint (x)', value: cfn?.speedup, min: BUDGETS.cfnLintSpeedup },
    { name: 'lint time / parse time', value: floor?.ratio, max: BUDGETS.lintOverParse },
    { name: 'keystroke p95, 5,000-line Terraform (ms)', value: latency?.['terraform-5000-lines'].p95, max: BUDGETS.keystrokeP95Ms },
    { name: 'keystroke p95, 5,000-line template (ms)', value: latency?.['template-5000-lines'].p95, max: BUDGETS.keystrokeP95Ms },
    { name: 'start-up scan of 1,000 files (s)', value: scan?.seconds, max: BUDGETS.startupScanSeconds },
    { name: 'server RSS after the scan (MB)', value: scan?.rssMb, max: BUDGETS.rssMb },
  ].map((b) => ({ ...b, ok: b.value === undefined ? undefined : b.max !== undefined ? b.value <= b.max : b.value >= (b.min ?? 0) }));

  console.log('\nBudgets');
  for (const b of budgets) console.log(`  ${b.ok === undefined ? 'n/a ' : b.ok ? 'ok  ' : 'MISS'} ${b.name}: ${fmt(b.value)} (${b.max !== undefined ? '<= ' + b.max : '>= ' + b.min})`);

  const result = {
    date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, runs: RUNS,
    throughput: t, cfnLint: cfn, parseFloor: floor, latency, startupScan: scan, budgets,
  };
  // A partial run (--only) must not replace the full figures the README quotes.
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, 'results', only ? 'partial.json' : 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  if (check && budgets.some((b) => b.ok === false)) process.exit(1);
}

main().catch((err) => { console.error(err); process.exit(2); });
