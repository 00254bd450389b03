// The CLI from arguments to exit status: select files, lint them as a workspace, optionally fix,
// print in the chosen format. Returns the exit status; never throws.
import { resolve } from 'node:path';
import {
  candidateKind, CONFIG_ERROR, DEFAULT_MAX_FILE_BYTES, engineDiagnostic, initEngine, RULE_CATALOG, ruleSetting, VERSION, Workspace,
  type Diagnostic, type RuleMeta, type VpceLintConfig,
} from '../engine';
import { parseArgs, UsageError, USAGE, type CliOptions } from './args';
import { ConfigReadError, ConfigResolver, loadConfigFile, type LoadedConfig } from './configs';
import { unifiedDiff } from './diff';
import { applySafeFixes } from './fix';
import { PathError, selectFiles } from './files';
import { displayPath, failsAt, sortFindings, summarize, toFinding, type Finding } from './findings';
import { formatJson } from './format-json';
import { formatSarif } from './format-sarif';
import { dryRunLine, formatText } from './format-text';
import { Progress } from './progress';
import { readForLint, readText, type ReadFile } from './read';
import { writeFixed } from './write';
import { describeFsError } from '../shared/discover';
import { readModuleFile } from '../shared/read-module-file';

export interface OutputStream { write(text: string): unknown; isTTY?: boolean }

export interface CliEnvironment {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: OutputStream;
  stderr: OutputStream;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export async function runCli(argv: readonly string[], io: CliEnvironment): Promise<number> {
  const catalog = RULE_CATALOG;
  let opts: CliOptions;
  try {
    opts = parseArgs(argv, catalog);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`vpce-lint: ${err.message}\nRun \`vpce-lint --help\` for usage.\n`);
    return EXIT_ERROR;
  }
  if (opts.help) { io.stdout.write(USAGE); return EXIT_OK; }
  if (opts.version) { io.stdout.write(`${VERSION}\n`); return EXIT_OK; }
  try {
    return await lint(opts, catalog, io);
  } catch (err) {
    const known = err instanceof PathError || err instanceof ConfigReadError;
    const detail = opts.debug && err instanceof Error && err.stack ? `\n${err.stack}` : '';
    io.stderr.write(`vpce-lint: ${known ? '' : 'internal error: '}${err instanceof Error ? err.message : String(err)}${detail}\n`);
    return EXIT_ERROR;
  }
}

function isTerraformCandidate(path: string): boolean {
  const kind = candidateKind(path);
  return kind !== undefined && kind !== 'structured';
}

async function lint(opts: CliOptions, catalog: readonly RuleMeta[], io: CliEnvironment): Promise<number> {
  const { cwd } = io;
  const commandLine: VpceLintConfig = { rules: opts.rules, cloudFormationRegion: opts.region };
  const explicit = opts.config ? loadConfigFile(resolve(cwd, opts.config)) : undefined;
  const configs = new ConfigResolver(explicit, commandLine);
  const selection = await selectFiles(opts.paths, cwd, configs);
  let exit = EXIT_OK;
  for (const e of selection.errors) { io.stderr.write(`vpce-lint: ${e}\n`); exit = EXIT_ERROR; }

  // The Terraform parser (WebAssembly, some 30 ms to load) only when there is Terraform to read.
  if ([...selection.reported, ...selection.context].some((p) => isTerraformCandidate(p))) await initEngine();
  const ws = new Workspace({
    configFor: (p) => configs.effective(p), maxFileBytes: DEFAULT_MAX_FILE_BYTES, readFile: readModuleFile, incremental: false,
    // SARIF carries every fix; --fix and the other reports use (and count) safe ones only.
    fixes: opts.format === 'sarif' ? 'all' : 'safe',
  });
  const read = new Map<string, ReadFile>();
  const texts = new Map<string, string>();
  for (const path of [...selection.reported, ...selection.context]) {
    try {
      // What a file was when read (its hash, whether its text round-trips) matters only to --fix.
      let text: string;
      if (opts.fix) {
        const file = readForLint(path, DEFAULT_MAX_FILE_BYTES);
        read.set(path, file);
        text = file.text;
      } else text = readText(path, DEFAULT_MAX_FILE_BYTES);
      texts.set(path, text);
      ws.setFile(path, text);
    } catch (err) {
      io.stderr.write(`vpce-lint: Cannot read ${displayPath(cwd, path)}: ${describeFsError(err)}\n`);
      exit = EXIT_ERROR;
    }
  }
  const reported = new Set(selection.reported.filter((p) => ws.hasFile(p)));
  const machine = opts.format !== 'text';
  const progress = new Progress(io.stderr, !machine && !!io.stderr.isTTY);
  const failures = new Set<string>();
  const lintReported = () => lintAll(ws, reported, progress, failures, opts.debug);

  let fixed = 0;
  let changed = new Map<string, string>();
  let diagnostics: Map<string, Diagnostic[]> | undefined;
  if (opts.fix) {
    const result = applySafeFixes(ws, reported, texts, lintReported);
    fixed = result.applied;
    changed = result.changed;
    // A one-shot Workspace keeps no scope: linting the same texts again would parse them all again.
    diagnostics = result.final;
  }
  diagnostics ??= lintReported();
  progress.done();
  for (const f of failures) { io.stderr.write(`vpce-lint: ${f}\n`); exit = EXIT_ERROR; }

  const findings: Finding[] = [];
  for (const list of diagnostics.values()) for (const d of list) findings.push(toFinding(d, cwd));
  for (const config of configs.used()) {
    for (const d of configDiagnostics(config, commandLine)) findings.push(toFinding(d, cwd));
  }
  sortFindings(findings);
  const summary = summarize(findings, reported.size, fixed);

  if (opts.dryRun) {
    for (const [path, text] of [...changed].sort(([a], [b]) => (a < b ? -1 : 1))) {
      io.stdout.write(unifiedDiff(displayPath(cwd, path), read.get(path)!.text, text));
    }
    if (!machine) io.stderr.write(`${dryRunLine(summary, changed.size)}\n`);
  } else {
    for (const [path, text] of changed) {
      const outcome = writeFixed(path, text, read.get(path)!);
      if (outcome === 'changed-on-disk') io.stderr.write(`vpce-lint: warning: ${displayPath(cwd, path)} changed on disk during the run; its fixes were not written.\n`);
      if (outcome === 'not-utf8') io.stderr.write(`vpce-lint: warning: ${displayPath(cwd, path)} is not valid UTF-8; its fixes were not written.\n`);
    }
    if (opts.format === 'json') io.stdout.write(formatJson(findings, summary, VERSION));
    else if (opts.format === 'sarif') io.stdout.write(formatSarif(findings, catalog, VERSION, cwd));
    else io.stdout.write(formatText(findings, summary, useColor(io)));
  }
  if (exit === EXIT_OK && failsAt(findings, opts.failOn)) exit = EXIT_FINDINGS;
  return exit;
}

/** Lints the scopes holding reported files. A scope whose parser throws is reported on stderr
 *  (once) and skipped, so one bad file does not hide the findings of the others. */
function lintAll(ws: Workspace, reported: ReadonlySet<string>, progress: Progress, failures: Set<string>, debug: boolean): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const ids = ws.scopeIds().filter((id) => ws.filesOf(id).some((p) => reported.has(p)));
  ids.forEach((id, i) => {
    progress.update(i, ids.length);
    try {
      for (const [path, list] of ws.lintScope(id)) if (reported.has(path)) out.set(path, list);
    } catch (err) {
      const files = ws.filesOf(id).filter((p) => reported.has(p)).join(', ');
      const detail = debug && err instanceof Error && err.stack ? `\n${err.stack}` : '';
      failures.add(`internal error while linting ${files}: ${err instanceof Error ? err.message : String(err)}${detail}`);
    }
  });
  return out;
}

/** Problems of a config file, as VPCE003 findings on that file (the command line may turn the
 *  code off or change its severity). */
function configDiagnostics(config: LoadedConfig, commandLine: VpceLintConfig): Diagnostic[] {
  const setting = ruleSetting(commandLine, CONFIG_ERROR.code, CONFIG_ERROR.name);
  if (setting === 'off') return [];
  return config.problems.map((p) => engineDiagnostic(CONFIG_ERROR, p.loc, p.message, setting));
}

/** Colour on a terminal only, and never when NO_COLOR is set (https://no-color.org). */
function useColor(io: CliEnvironment): boolean {
  return !!io.stdout.isTTY && !io.env.NO_COLOR;
}
