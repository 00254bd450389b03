// `npm run package` builds a .vsix with the bundles, wasm, grammar, snippets, schema and docs, and
// nothing from the sources, tests, fixtures or node_modules.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const VSIX = path.join(ROOT, 'vpce-lint.vsix');

/** File names inside a zip archive, read from its central directory. */
function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

describe('the packaged extension', function () {
  this.timeout(180000);
  let entries: string[] = [];
  before(() => {
    execFileSync('npm', ['run', 'package', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    entries = zipEntries(VSIX);
  });

  it('is under 10 MB', () => {
    assert.ok(fs.statSync(VSIX).size < 10 * 1024 * 1024, `${fs.statSync(VSIX).size} bytes`);
  });

  it('holds the bundles, the wasm files, grammar, snippets, schema, rule docs and README', () => {
    for (const f of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/web-tree-sitter.wasm', 'dist/tree-sitter-terraform.wasm',
      'syntaxes/vpce-lint.injection.json', 'snippets/terraform.json', 'schemas/vpce-lint.schema.json', 'docs/rules/VPCE101.md', 'readme.md', 'changelog.md', 'LICENSE.txt', 'package.json']) {
      assert.ok(entries.includes(`extension/${f}`), `${f} in ${entries.join(', ')}`);
    }
  });

  it('holds no sources, tests, fixtures, source maps or node_modules', () => {
    const bad = entries.filter((e) => /^extension\/(server|client|test|bench|scripts|examples|node_modules)\/|\.ts$|\.map$/.test(e));
    assert.deepStrictEqual(bad, []);
  });
});
