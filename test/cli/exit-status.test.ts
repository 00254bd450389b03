// Exit statuses, --fail-on, --rule, --help and --version of the built CLI.
import { strict as assert } from 'node:assert';
import { ensureBuilt, json, PACKAGE_VERSION, runCli, tempCopy } from './helpers';

/** A usage error: status 2, a one-line reason on stderr, no stack trace, nothing on stdout. */
function assertUsageError(args: string[], reason: RegExp, cwd = tempCopy('broken-policy')): void {
  const r = runCli(args, cwd);
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, reason);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
}

describe('CLI exit status', () => {
  before(ensureBuilt);

  it('is 0 when nothing is found', () => {
    assert.equal(runCli([], tempCopy('clean')).status, 0);
  });

  it('is 1 when a finding is at or above the default --fail-on warning', () => {
    assert.equal(runCli([], tempCopy('broken-policy')).status, 1);
  });

  it('is 0 for info findings under the default --fail-on, 1 with --fail-on info', () => {
    const dir = tempCopy('suppression');
    assert.equal(runCli([], dir).status, 0);
    assert.equal(runCli(['--fail-on', 'info'], dir).status, 1);
  });

  it('is 0 with --fail-on never and with --fail-on error when only warnings remain', () => {
    const dir = tempCopy('broken-policy');
    assert.equal(runCli(['--fail-on', 'never'], dir).status, 0);
    const r = runCli(['--fail-on', 'error', '--rule', 'VPCE001=warning', '--format', 'json'], dir);
    assert.equal(r.status, 0);
    assert.deepEqual(json(r).findings.map((f) => f.severity), ['warning', 'warning']);
  });

  it('turns a rule off or changes its severity by code or name with --rule', () => {
    const dir = tempCopy('broken-policy');
    const off = runCli(['--rule', 'vpce001=off'], dir);
    assert.equal(off.status, 0);
    assert.equal(off.stdout, 'No problems found in 1 file.\n');
    const info = json(runCli(['--rule', 'syntax-error=info', '--format', 'json'], dir));
    assert.deepEqual(info.findings.map((f) => f.severity), ['info', 'info']);
  });

  it('accepts catalog rules in --rule', () => {
    const r = runCli(['--rule', 'VPCE101=warning', '--format', 'json'], tempCopy('region-tf'));
    assert.deepEqual(json(r).findings.map((f) => [f.code, f.severity]), [['VPCE101', 'warning']]);
    assert.equal(r.status, 1);
    assert.equal(runCli(['--rule', 'service-region-mismatch=off'], tempCopy('region-tf')).status, 0);
  });

  it('is 2 for an unknown option', () => assertUsageError(['--frobnicate'], /^vpce-lint: Unknown option --frobnicate\./));
  it('is 2 for a bad --format', () => assertUsageError(['--format', 'xml'], /--format: `xml` is not one of text, json, sarif/));
  it('is 2 for a bad --fail-on', () => assertUsageError(['--fail-on', 'hint'], /--fail-on: `hint` is not one of error, warning, info, never/));
  it('is 2 for an option missing its value', () => assertUsageError(['--format'], /--format needs a value/));
  it('is 2 for an unknown rule in --rule', () => assertUsageError(['--rule', 'VPCE999=off'], /--rule: unknown rule `VPCE999`/));
  it('is 2 for a bad setting in --rule', () => assertUsageError(['--rule', 'VPCE001=warn'], /--rule: `warn` is not one of off, error, warning, info, hint/));
  it('is 2 for --rule without a setting', () => assertUsageError(['--rule', 'VPCE001'], /should be CODE=SETTING/));
  it('is 2 for an unknown --region, with a suggestion', () => assertUsageError(['--region', 'eu-west-4'], /`eu-west-4` is not a known AWS region\. Did you mean `eu-west-3`\?/));
  it('is 2 for --dry-run without --fix', () => assertUsageError(['--dry-run'], /--dry-run only goes with --fix/));
  it('is 2 for a path that does not exist', () => assertUsageError(['missing-dir'], /^vpce-lint: Cannot read missing-dir: no such file or directory\n$/));
  it('is 2 for a --config file that cannot be read', () => assertUsageError(['--config', 'nope.json'], /Cannot read config file .*nope\.json: ENOENT/));

  it('is 2 when one of several paths is missing, even if others have findings', () => {
    const r = runCli(['.', 'gone.json'], tempCopy('broken-policy'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, /Cannot read gone\.json/);
  });

  it('prints usage with --help and the package version with --version', () => {
    const help = runCli(['--help'], tempCopy());
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: vpce-lint \[options\] \[paths\.\.\.\]/);
    for (const opt of ['--format', '--fail-on', '--fix', '--dry-run', '--config', '--rule', '--region', '--version']) {
      assert.ok(help.stdout.includes(opt), opt);
    }
    const version = runCli(['--version'], tempCopy());
    assert.deepEqual([version.status, version.stdout], [0, `${PACKAGE_VERSION}\n`]);
  });
});
