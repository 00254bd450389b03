// --fix and --fix --dry-run of the built CLI, on temporary copies; and the write guard in process.
import { strict as assert } from 'node:assert';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySafeFixes } from '../../server/src/cli/fix';
import { readForLint } from '../../server/src/cli/read';
import { initEngine, Workspace, type Diagnostic } from '../../server/src/engine';
import { writeFixed } from '../../server/src/cli/write';
import { ensureBuilt, FIXTURES, json, runCli, tempCopy } from './helpers';

const TEMPLATE = readFileSync(join(FIXTURES, 'suppression', 'template.yaml'), 'utf8');
const FIXED_TEMPLATE = TEMPLATE.replace('  # vpce-lint-ignore VPCE401 central DNS\n', '');

describe('CLI --fix', () => {
  before(ensureBuilt);

  it('applies safe fixes in place, reports what is left and leaves other files untouched', () => {
    const dir = tempCopy('suppression');
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(join(dir, 'untouched.yaml'), old, old);
    const r = runCli(['--fix', '--fail-on', 'info'], dir);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stdout, 'Fixed 1 problem. No problems found in 2 files.\n');
    assert.equal(readFileSync(join(dir, 'template.yaml'), 'utf8'), FIXED_TEMPLATE);
    assert.equal(statSync(join(dir, 'untouched.yaml')).mtimeMs, old.getTime());
    assert.deepEqual(json(runCli(['--format', 'json', '--fail-on', 'info'], dir)).findings, []);
  });

  it('reports the count of fixes in the JSON summary', () => {
    const dir = tempCopy('suppression');
    const out = json(runCli(['--fix', '--format', 'json'], dir));
    assert.equal(out.summary.fixed, 1);
    assert.equal(out.summary.problems, 0);
  });

  it('with --dry-run prints a unified diff and writes nothing', () => {
    const dir = tempCopy('suppression');
    const before = statSync(join(dir, 'template.yaml')).mtimeMs;
    const r = runCli(['--fix', '--dry-run'], dir);
    assert.equal(r.stdout, [
      '--- a/template.yaml',
      '+++ b/template.yaml',
      '@@ -1,6 +1,5 @@',
      ' AWSTemplateFormatVersion: "2010-09-09"',
      ' Resources:',
      '-  # vpce-lint-ignore VPCE401 central DNS',
      '   Vpc:',
      '     Type: AWS::EC2::VPC',
      '     Properties:',
      '',
    ].join('\n'));
    assert.equal(r.stderr, 'Would fix 1 problem in 1 file; 0 problems would remain.\n');
    assert.equal(readFileSync(join(dir, 'template.yaml'), 'utf8'), TEMPLATE);
    assert.equal(statSync(join(dir, 'template.yaml')).mtimeMs, before);
  });

  it('prints nothing with --dry-run when there is nothing to fix', () => {
    const r = runCli(['--fix', '--dry-run'], tempCopy('broken-policy'));
    assert.equal(r.stdout, '');
    assert.equal(r.status, 1);
  });

  it('replaces a wrong region in a service name with the provider region', () => {
    const dir = tempCopy('region-tf');
    const providers = statSync(join(dir, 'providers.tf')).mtimeMs;
    const r = runCli(['--fix'], dir);
    assert.equal(r.status, 0, r.stdout);
    assert.match(readFileSync(join(dir, 'endpoints.tf'), 'utf8'), /service_name\s+= "com\.amazonaws\.eu-west-1\.s3"/);
    assert.equal(statSync(join(dir, 'providers.tf')).mtimeMs, providers);
  });
});

describe('applySafeFixes', () => {
  before(initEngine);

  const found = (m: Map<string, Diagnostic[]>) => [...m].map(([file, list]) => [file, list.map((d) => [d.code, d.loc.range, d.message])]);
  function fixAndCount(text: string) {
    const ws = new Workspace({ incremental: false, fixes: 'safe' });
    const path = '/w/template.yaml';
    ws.setFile(path, text);
    let lints = 0;
    const lint = () => { lints++; return ws.lintScope(ws.scopeIdOf(path)!); };
    const texts = new Map([[path, text]]);
    const result = applySafeFixes(ws, new Set([path]), texts, lint);
    return { result, lints, fresh: lint() };
  }

  it('hands back the findings of its last pass, which found the texts final, for the report', () => {
    const { result, lints, fresh } = fixAndCount(TEMPLATE);
    assert.equal(result.applied, 1);
    assert.equal(lints, 2, 'one pass fixes, the next finds nothing more');
    assert.ok(result.final);
    assert.deepEqual(found(result.final), found(fresh));
  });

  it('lints once when there is nothing to fix', () => {
    const { result, lints, fresh } = fixAndCount(FIXED_TEMPLATE);
    assert.equal(result.applied, 0);
    assert.equal(lints, 1);
    assert.deepEqual(found(result.final!), found(fresh));
  });
});

describe('writeFixed', () => {
  it('writes when the file is as it was read, keeping its mode', () => {
    const dir = tempCopy('suppression');
    const path = join(dir, 'template.yaml');
    const read = readForLint(path, 1 << 20);
    assert.equal(writeFixed(path, FIXED_TEMPLATE, read), 'written');
    assert.equal(readFileSync(path, 'utf8'), FIXED_TEMPLATE);
  });

  it('leaves a file alone when it changed on disk after it was read', () => {
    const dir = tempCopy('suppression');
    const path = join(dir, 'template.yaml');
    const read = readForLint(path, 1 << 20);
    writeFileSync(path, TEMPLATE + '# edited meanwhile\n');
    assert.equal(writeFixed(path, FIXED_TEMPLATE, read), 'changed-on-disk');
    assert.equal(readFileSync(path, 'utf8'), TEMPLATE + '# edited meanwhile\n');
  });

  it('leaves a file alone when its bytes are not UTF-8 (the text would not round-trip)', () => {
    const dir = tempCopy();
    const path = join(dir, 'latin1.yaml');
    const bytes = Buffer.from('Description: caf\xe9\n', 'latin1');
    writeFileSync(path, bytes);
    const read = readForLint(path, 1 << 20);
    assert.equal(writeFixed(path, 'Description: x\n', read), 'not-utf8');
    assert.deepEqual(readFileSync(path), bytes);
  });
});
