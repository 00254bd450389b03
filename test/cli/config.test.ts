// Configuration files, --config, --rule precedence and --region for the built CLI.
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuilt, FIXTURES, json, locate, runCli, tempCopy } from './helpers';

describe('CLI configuration', () => {
  before(ensureBuilt);

  it('reports an invalid .vpce-lint.json as VPCE003 on that file and applies the defaults', () => {
    const dir = tempCopy('config-invalid');
    const r = runCli(['--format', 'json'], dir);
    const out = json(r);
    assert.deepEqual(out.findings.map((f) => [f.file, f.code, f.severity]), [
      ['.vpce-lint.json', 'VPCE003', 'error'],
      ['policy.json', 'VPCE001', 'error'],
      ['policy.json', 'VPCE001', 'error'],
    ]);
    assert.deepEqual(out.findings[0], {
      file: '.vpce-lint.json', line: 1, column: 1, endLine: 1, endColumn: 35,
      code: 'VPCE003', name: 'invalid-config', severity: 'error', fixable: false,
      message: '.vpce-lint.json: Rule `VPCE001`: `warn` is not one of off, error, warning, info, hint.',
    });
    assert.equal(r.status, 1);
  });

  it('reports a config file that is not JSON at the syntax error, and ignores its settings', () => {
    const dir = tempCopy('broken-policy');
    writeFileSync(join(dir, '.vpce-lint.json'), '{ "rules": { "VPCE001": "off" ');
    const f = json(runCli(['--format', 'json'], dir)).findings;
    const onConfig = f.filter((x) => x.file === '.vpce-lint.json');
    assert.ok(onConfig.length > 0);
    for (const x of onConfig) {
      assert.deepEqual([x.code, x.line], ['VPCE003', 1]);
      assert.match(x.message, /^Invalid \.vpce-lint\.json: .*; the defaults apply\.$/);
    }
    assert.deepEqual(f.filter((x) => x.file === 'policy.json').map((x) => [x.code, x.severity]), [['VPCE001', 'error'], ['VPCE001', 'error']]);
  });

  it('finds .vpce-lint.json by walking up from each file', () => {
    const dir = tempCopy();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, '.vpce-lint.json'), '{ "rules": { "syntax-error": "warning" } }');
    tempCopyInto('broken-policy', join(dir, 'a', 'b'));
    tempCopyInto('broken-policy', join(dir, 'a'));
    writeFileSync(join(dir, 'a', 'b', '.vpce-lint.json'), '{ "rules": { "VPCE001": "info" } }');
    const out = json(runCli(['--format', 'json', 'a'], dir));
    assert.deepEqual(out.findings.map((f) => [f.file, f.severity]), [
      ['a/b/policy.json', 'info'], ['a/b/policy.json', 'info'],
      ['a/policy.json', 'warning'], ['a/policy.json', 'warning'],
    ]);
  });

  it('uses only the --config file when one is given, and --rule overrides it', () => {
    const dir = tempCopy('config-invalid');
    writeFileSync(join(dir, 'strict.json'), '{ "rules": { "VPCE001": "warning" } }');
    const out = json(runCli(['--format', 'json', '--config', 'strict.json', 'policy.json'], dir));
    assert.deepEqual(out.findings.map((f) => [f.file, f.code, f.severity]), [['policy.json', 'VPCE001', 'warning'], ['policy.json', 'VPCE001', 'warning']]);
    const overridden = json(runCli(['--format', 'json', '--config', 'strict.json', '--rule', 'VPCE001=info', 'policy.json'], dir));
    assert.deepEqual(overridden.findings.map((f) => f.severity), ['info', 'info']);
  });

  it('skips paths matched by the config ignore list', () => {
    const dir = tempCopy();
    mkdirSync(join(dir, 'legacy', 'deep'), { recursive: true });
    mkdirSync(join(dir, 'live'));
    tempCopyInto('broken-policy', join(dir, 'legacy', 'deep'));
    tempCopyInto('broken-policy', join(dir, 'live'));
    writeFileSync(join(dir, 'live', 'scratch.json'), '{ "Statement": [');
    writeFileSync(join(dir, '.vpce-lint.json'), '{ "ignore": ["legacy/", "scratch.json"] }');
    const out = json(runCli(['--format', 'json'], dir));
    assert.deepEqual([...new Set(out.findings.map((f) => f.file))], ['live/policy.json']);
    assert.equal(out.summary.filesChecked, 1);
    // A named file under an ignored directory stays ignored.
    assert.equal(json(runCli(['--format', 'json', 'legacy/deep/policy.json'], dir)).summary.filesChecked, 0);
  });

  it('assumes the --region deployment region for CloudFormation templates', () => {
    const dir = tempCopy('cfn-region');
    const codes = (args: string[]) => json(runCli(['--format', 'json', ...args], dir)).findings.map((f) => f.code);
    assert.deepEqual(codes([]), ['VPCE102']);
    assert.deepEqual(codes(['--region', 'eu-west-1']), ['VPCE102']);
    const withRegion = json(runCli(['--format', 'json', '--region', 'us-east-1'], dir)).findings;
    // A wrong region outranks a hard-coded one on the same text: one finding, VPCE101.
    assert.deepEqual(withRegion.map((f) => f.code).sort(), ['VPCE101']);
    const mismatch = withRegion.find((f) => f.code === 'VPCE101')!;
    assert.deepEqual([mismatch.line, mismatch.column], [locate(join(dir, 'template.yaml'), 'eu-west-1').line, locate(join(dir, 'template.yaml'), 'eu-west-1').column]);
    assert.match(mismatch.message, /eu-west-1/);
    assert.match(mismatch.message, /us-east-1/);
  });

  it('takes cloudFormationRegion from the config file', () => {
    const dir = tempCopy('cfn-region');
    writeFileSync(join(dir, '.vpce-lint.json'), '{ "rules": { "VPCE601": "off" }, "cloudFormationRegion": "us-east-1" }');
    assert.deepEqual(json(runCli(['--format', 'json'], dir)).findings.map((f) => f.code).sort(), ['VPCE101']);
  });
});

function tempCopyInto(fixture: string, dest: string): void {
  cpSync(join(FIXTURES, fixture), dest, { recursive: true });
}
