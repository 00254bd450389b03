// Runs the packaged extension in a real VS Code: code-server (VS Code built as a server) on a
// loopback port, driven by Debian's Chromium through playwright-core. scripts/e2e-setup.sh
// installs the pieces. Every process started here is killed (its whole process group) on close,
// on failure, and when the test process exits.
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium, Page } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '../..');

export interface E2eTools { node: string; codeServer: string; chromium: string }

/** Runs scripts/e2e-setup.sh (quick when warm) and returns the tool paths it prints. */
export function ensureTools(): E2eTools {
  const setup = spawnSync('bash', [path.join(repoRoot, 'scripts/e2e-setup.sh')], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 15 * 60_000,
  });
  if (setup.status !== 0) throw new Error(`scripts/e2e-setup.sh failed (exit ${setup.status ?? setup.signal})`);
  const vars = new Map<string, string>();
  for (const line of setup.stdout.split('\n')) {
    const m = /^(E2E_\w+)=(.+)$/.exec(line.trim());
    if (m) vars.set(m[1], m[2]);
  }
  const get = (key: string): string => {
    const v = vars.get(key);
    if (!v || !fs.existsSync(v)) throw new Error(`scripts/e2e-setup.sh did not report an existing ${key} (got ${v})`);
    return v;
  };
  return { node: get('E2E_NODE'), codeServer: get('E2E_CODE_SERVER'), chromium: get('E2E_CHROMIUM') };
}

/**
 * The .vsix under test: $VPCE_LINT_E2E_VSIX when set, else vpce-lint.vsix, rebuilt with
 * `npm run package` when missing or older than anything in dist/.
 */
export function ensureVsix(): string {
  const given = process.env.VPCE_LINT_E2E_VSIX;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`VPCE_LINT_E2E_VSIX=${given} does not exist`);
    return path.resolve(given);
  }
  const vsix = path.join(repoRoot, 'vpce-lint.vsix');
  const dist = path.join(repoRoot, 'dist');
  const newestDist = fs.existsSync(dist)
    ? Math.max(0, ...fs.readdirSync(dist).map((f) => fs.statSync(path.join(dist, f)).mtimeMs))
    : Infinity;
  if (!fs.existsSync(vsix) || fs.statSync(vsix).mtimeMs < newestDist) {
    const pack = spawnSync('npm', ['run', 'package', '--silent'], { cwd: repoRoot, stdio: 'inherit', timeout: 10 * 60_000 });
    if (pack.status !== 0 || !fs.existsSync(vsix)) throw new Error(`npm run package failed (exit ${pack.status ?? pack.signal})`);
  }
  return vsix;
}

// Process groups still running; killed synchronously if the test process exits or is
// interrupted without closing them (the signal is re-raised afterwards, so it still terminates).
const liveGroups = new Set<number>();
// Scratch directories of open sessions, removed with them.
const liveScratch = new Set<string>();
let exitHooked = false;

function hookExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  const killAll = (): void => {
    for (const group of liveGroups) killGroup(group, 'SIGKILL');
    if (process.env.VPCE_LINT_E2E_KEEP !== '1') for (const dir of liveScratch) fs.rmSync(dir, { recursive: true, force: true });
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => { killAll(); process.kill(process.pid, signal); });
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(pid, 'SIGTERM');
    const killed = await Promise.race([exited.then(() => true), delay(5000).then(() => false)]);
    if (!killed) killGroup(pid, 'SIGKILL');
  }
  // Children of code-server (extension host, file watcher) share its group and may outlive it.
  killGroup(pid, 'SIGKILL');
  liveGroups.delete(pid);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.setTimeout(2000, () => req.destroy());
    req.once('error', () => resolve(0));
  });
}

export interface CodeServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** `<host>:<port>`, the authority of vscode-remote:// URIs the workbench uses. */
  authority: string;
  extensionsDir: string;
  /** Everything code-server printed so far. */
  log(): string;
  close(): Promise<void>;
}

export interface CodeServerOptions {
  tools: E2eTools;
  /** Scratch directory owned by the caller (user data and extensions go below it). */
  scratch: string;
  /** Packaged extensions to install before starting. */
  vsix?: string[];
  /** Extra environment for code-server and so for the extension host (e.g. a report path). */
  env?: Record<string, string>;
}

const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  // The chat side bar and AI code actions would crowd screenshots and the quick-fix menu.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const userData = path.join(opts.scratch, 'user-data');
  const extensionsDir = path.join(opts.scratch, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(quietSettings, null, 2));
  // VPCE_LINT_E2E_USER_DATA lets the extension-host suite read the logs (output channels) below it.
  const env = {
    ...process.env, PATH: `${path.dirname(opts.tools.node)}:${process.env.PATH ?? ''}`, VPCE_LINT_E2E_USER_DATA: userData, ...opts.env,
  };
  const common = ['--user-data-dir', userData, '--extensions-dir', extensionsDir];

  for (const vsix of opts.vsix ?? []) {
    const install = spawnSync(opts.tools.node, [opts.tools.codeServer, ...common, '--install-extension', vsix, '--force'], {
      env, encoding: 'utf8', timeout: 3 * 60_000,
    });
    const out = `${install.stdout}${install.stderr}`;
    if (install.status !== 0 || !/successfully installed/i.test(out)) {
      throw new Error(`installing ${vsix} into code-server failed (exit ${install.status ?? install.signal}):\n${out}`);
    }
  }

  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const child = spawn(opts.tools.node, [
    opts.tools.codeServer, '--auth', 'none', '--bind-addr', authority, '--disable-telemetry',
    '--disable-update-check', '--disable-workspace-trust', ...common,
    '--vscode-option', 'enable-smoke-test-driver',
  ], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) liveGroups.add(child.pid);
  hookExit();
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const server: CodeServer = {
    origin: `http://${authority}`, authority, extensionsDir,
    log: () => output,
    close: () => stopProcess(child),
  };

  const deadline = Date.now() + 60_000;
  try {
    // code-server answers /healthz once its HTTP server is listening.
    while ((await httpStatus(`${server.origin}/healthz`)) !== 200) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited (${child.exitCode ?? child.signalCode})`);
      if (Date.now() > deadline) throw new Error('code-server did not answer /healthz in time');
      await delay(200);
    }
  } catch (err) {
    await server.close();
    throw new Error(`${(err as Error).message}\n--- code-server output ---\n${output}`);
  }
  return server;
}

/** The installed folder of an extension (`<publisher>.<name>-<version>`) in an extensions dir. */
export function installedExtensionDir(extensionsDir: string, id: string): string {
  for (const entry of fs.readdirSync(extensionsDir)) {
    const manifest = path.join(extensionsDir, entry, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { publisher?: string; name?: string };
    if (`${pkg.publisher}.${pkg.name}`.toLowerCase() === id.toLowerCase()) return path.join(extensionsDir, entry);
  }
  throw new Error(`extension ${id} is not installed in ${extensionsDir}`);
}

export async function launchBrowser(tools: E2eTools): Promise<Browser> {
  return chromium.launch({
    executablePath: tools.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export interface EditorSession {
  server: CodeServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export interface EditorOptions {
  tools: E2eTools;
  /** Folder copied to a temp dir and opened; the original is never modified. */
  workspace: string;
  vsix: string[];
  env?: Record<string, string>;
  /** Extra `payload` entries of the workbench URL (extension development/tests paths). */
  payload?: (server: CodeServer) => [string, string][];
  /** Runs after the page exists and before it loads the workbench (exposeFunction...). */
  beforeLoad?: (page: Page) => Promise<void>;
}

/** Starts code-server with the extensions installed and opens the workbench on a copy of `workspace`. */
export async function openEditor(opts: EditorOptions): Promise<EditorSession> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vpce-lint-e2e-'));
  liveScratch.add(scratch);
  hookExit();
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(opts.workspace, workspace, { recursive: true });
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.close();
    if (process.env.VPCE_LINT_E2E_KEEP !== '1') fs.rmSync(scratch, { recursive: true, force: true });
    liveScratch.delete(scratch);
  };
  try {
    server = await startCodeServer({ tools: opts.tools, scratch, vsix: opts.vsix, env: opts.env });
    browser = await launchBrowser(opts.tools);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await opts.beforeLoad?.(page);
    const payload = [...(opts.payload?.(server) ?? []), ['skipWelcome', 'true']];
    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    return { server, browser, page, close };
  } catch (err) {
    const log = server?.log() ?? '';
    await close();
    throw new Error(`${(err as Error).message}${log ? `\n--- code-server output ---\n${log}` : ''}`);
  }
}

export interface SuiteResult {
  passed: boolean;
  /** The code the workbench passed to codeAutomationExit, or undefined on timeout. */
  exitCode?: number;
  /** What the suite runner wrote to its report file ('' when it wrote nothing). */
  report: string;
  /** Lines the workbench forwarded through codeAutomationLog. */
  log: string[];
}

export interface SuiteOptions {
  tools: E2eTools;
  vsix: string;
  /** `<publisher>.<name>` of the extension under test. */
  extensionId: string;
  /** Directory holding the suite's index.js (exports `run(): Promise<void>`). */
  suiteDir: string;
  workspace: string;
  timeoutMs: number;
}

/**
 * Runs an extension-host test suite (the @vscode/test-electron convention) inside code-server
 * through the smoke-test driver payload. The suite writes its report to the file named by
 * VPCE_LINT_E2E_REPORT; the extension under test is the installed .vsix.
 */
export async function runExtensionHostSuite(opts: SuiteOptions): Promise<SuiteResult> {
  const reportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vpce-lint-e2e-report-')), 'report.txt');
  const log: string[] = [];
  let exit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => { exit = resolve; });
  const session = await openEditor({
    tools: opts.tools,
    workspace: opts.workspace,
    vsix: [opts.vsix],
    env: { VPCE_LINT_E2E_REPORT: reportFile },
    // The development path is the installed copy of the .vsix, so the packaged files are tested.
    payload: (server) => [
      ['extensionDevelopmentPath', `vscode-remote://${server.authority}${installedExtensionDir(server.extensionsDir, opts.extensionId)}`],
      ['extensionTestsPath', `vscode-remote://${server.authority}${opts.suiteDir}`],
    ],
    beforeLoad: async (page) => {
      await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
      await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        log.push(`[${type}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`);
      });
    },
  });
  let exitCode: number | undefined;
  try {
    exitCode = await Promise.race([exited, delay(opts.timeoutMs).then(() => undefined)]);
  } finally {
    if (exitCode === undefined) log.push(`--- no codeAutomationExit within ${opts.timeoutMs} ms; code-server output ---\n${session.server.log()}`);
    await session.close();
  }
  const report = fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '';
  fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });
  return { passed: exitCode === 0, exitCode, report, log };
}
