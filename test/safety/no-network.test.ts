// No network at run time: the CLI and the language server run with every network API stubbed to
// throw, do their whole job, and never try to connect.
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const ROOT = path.join(__dirname, '..', '..');
const PRELOAD = path.join(__dirname, 'no-network.js');
const EXAMPLES = path.join(ROOT, 'examples');

describe('no network at run time', function () {
  this.timeout(60000);
  before(function () {
    this.timeout(120000);
    spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  });

  it('the CLI lints the examples with networking disabled and finds problems', () => {
    const r = spawnSync(process.execPath, ['-r', PRELOAD, path.join(ROOT, 'dist', 'cli.js'), '--format', 'json', EXAMPLES], { encoding: 'utf8' });
    assert.doesNotMatch(r.stderr, /NETWORK-ATTEMPT/);
    assert.strictEqual(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { findings: { code: string }[] };
    assert.ok(out.findings.some((f) => f.code === 'VPCE101'), 'found the wrong-region endpoint');
  });

  it('the language server indexes a workspace and serves diagnostics with networking disabled', async () => {
    const proc = spawn(process.execPath, ['-r', PRELOAD, path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr!.on('data', (b) => { stderr += String(b); });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    const published: string[] = [];
    let resolveSeen: () => void;
    const seen = new Promise<void>((r) => { resolveSeen = r; });
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: { code: string }[] }) => {
      published.push(p.uri);
      if (p.diagnostics.some((d) => d.code === 'VPCE101')) resolveSeen();
    });
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    conn.onRequest(() => null);
    conn.listen();
    try {
      const uri = pathToFileURL(EXAMPLES).toString();
      await conn.sendRequest('initialize', { processId: process.pid, rootUri: uri, workspaceFolders: [{ uri, name: 'examples' }], capabilities: { workspace: { configuration: true } } });
      await conn.sendNotification('initialized', {});
      await seen;
      assert.ok(published.length > 0);
      assert.doesNotMatch(stderr, /NETWORK-ATTEMPT/);
    } finally {
      conn.dispose();
      proc.kill();
    }
  });
});
