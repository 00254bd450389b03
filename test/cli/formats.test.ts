// Output formats of the built CLI, on fixtures with catalog findings (RULES.md) and on the
// engine's own diagnostics.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { CLI, ensureBuilt, json, locate, PACKAGE_VERSION, ROOT, runCli, tempCopy } from './helpers';

const BROKEN_FINDINGS = [
  {
    file: 'policy.json', line: 5, column: 1, endLine: 5, endColumn: 1,
    code: 'VPCE001', name: 'syntax-error', severity: 'error', message: 'JSON: Close brace expected', fixable: false,
  },
  {
    file: 'policy.json', line: 5, column: 1, endLine: 5, endColumn: 1,
    code: 'VPCE001', name: 'syntax-error', severity: 'error', message: 'JSON: Close bracket expected', fixable: false,
  },
];

describe('CLI output formats', () => {
  before(ensureBuilt);

  describe('json', () => {
    it('prints the version, 1-based findings with relative paths, and a summary', () => {
      const dir = tempCopy('broken-policy');
      const r = runCli(['--format', 'json'], dir);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, '');
      assert.deepEqual(json(r), {
        version: PACKAGE_VERSION,
        findings: BROKEN_FINDINGS,
        summary: { filesChecked: 1, filesWithProblems: 1, problems: 2, errors: 2, warnings: 0, info: 0, hints: 0, fixable: 0, fixed: 0 },
      });
    });

    it('makes paths relative to the working directory, not to the named path', () => {
      const dir = tempCopy();
      const copy = tempCopy('broken-policy');
      const r = runCli(['--format=json', copy], dir);
      const files = json(r).findings.map((f) => f.file);
      assert.equal(files.length, 2);
      for (const f of files) assert.ok(f.endsWith('/policy.json') && !f.startsWith('/'), f);
    });

    it('reports VPCE101 at the region inside the service name, naming both regions', () => {
      const dir = tempCopy('region-tf');
      const r = runCli(['--format', 'json'], dir);
      const out = json(r);
      assert.deepEqual(out.findings.map((f) => f.code), ['VPCE101']);
      const f = out.findings[0];
      assert.deepEqual(
        { file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, name: f.name, severity: f.severity },
        { file: 'endpoints.tf', ...locate(join(dir, 'endpoints.tf'), 'us-east-1'), name: 'service-region-mismatch', severity: 'error' },
      );
      assert.match(f.message, /us-east-1/);
      assert.match(f.message, /eu-west-1/);
      assert.equal(r.status, 1);
    });

    it('reports VPCE603 at a malformed aws:SourceVpce value', () => {
      const dir = tempCopy('policy');
      const out = json(runCli(['--format', 'json'], dir));
      assert.deepEqual(out.findings.map((f) => [f.code, f.name, f.severity]), [['VPCE603', 'malformed-endpoint-id', 'error']]);
      const f = out.findings[0];
      assert.deepEqual([f.line, f.column, f.endLine, f.endColumn], Object.values(locate(join(dir, 'bucket-policy.json'), 'vpce-123')));
      assert.match(f.message, /vpce-123/);
    });
  });

  describe('text', () => {
    it('prints path:line:col severity CODE message, then the summary, without colour when piped', () => {
      const dir = tempCopy('broken-policy');
      const r = runCli([], dir);
      assert.equal(r.stdout, [
        'policy.json:5:1 error VPCE001 JSON: Close brace expected',
        'policy.json:5:1 error VPCE001 JSON: Close bracket expected',
        '',
        '2 problems (2 errors, 0 warnings, 0 info) in 1 file',
        '',
      ].join('\n'));
    });

    it('separates files with a blank line and counts fixable findings', () => {
      const dir = tempCopy('suppression');
      const r = runCli(['--fail-on', 'info'], dir);
      const at = locate(join(dir, 'template.yaml'), '# vpce-lint-ignore');
      assert.equal(r.stdout, [
        `template.yaml:${at.line}:${at.column} info VPCE002 This \`vpce-lint-ignore\` comment (VPCE401) suppresses nothing; remove it.`,
        '',
        '1 problem (0 errors, 0 warnings, 1 info) in 1 file; 1 fixable with --fix',
        '',
      ].join('\n'));
      assert.equal(r.status, 1);
    });

    it('colours severities on a terminal, unless NO_COLOR is set', function () {
      const script = spawnSync('script', ['--version']);
      if (script.error) this.skip(); // util-linux `script` provides the pseudo-terminal
      const dir = tempCopy('broken-policy');
      const onTty = (env: Record<string, string>) => spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}"`, '/dev/null'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' }).stdout;
      const coloured = onTty({});
      assert.ok(coloured.includes('\x1b[31merror\x1b[39m'), JSON.stringify(coloured));
      const plain = onTty({ NO_COLOR: '1' });
      assert.ok(!plain.includes('\x1b['), JSON.stringify(plain));
      assert.ok(plain.includes('policy.json:5:1 error VPCE001 JSON: Close brace expected'));
    });

    it('says so when there is nothing to report', () => {
      const r = runCli([], tempCopy('clean'));
      assert.equal(r.stdout, 'No problems found in 1 file.\n');
      assert.equal(r.status, 0);
    });

    it('prints one line per finding of the examples workspace', () => {
      const r = runCli(['examples'], ROOT);
      const codes = r.stdout.split('\n').filter((l) => /^examples\//.test(l)).map((l) => l.split(' ')[2]);
      for (const code of ['VPCE101', 'VPCE302', 'VPCE401', 'VPCE501', 'VPCE503', 'VPCE102', 'VPCE202', 'VPCE602', 'VPCE603']) {
        assert.ok(codes.includes(code), `${code} missing from:\n${r.stdout}`);
      }
    });
  });

  describe('sarif', () => {
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);

    const sarifOf = (fixture: string, args: string[] = []) => {
      const dir = tempCopy(fixture);
      const r = runCli(['--format', 'sarif', ...args], dir);
      const log = JSON.parse(r.stdout);
      const valid = validate(log) as boolean; // a plain boolean: the type guard would narrow `log` to unknown
      assert.ok(valid, JSON.stringify(validate.errors, null, 2));
      return { log, r };
    };

    it('is valid SARIF 2.1.0 with rule metadata and located results', () => {
      const { log, r } = sarifOf('broken-policy');
      assert.equal(r.status, 1);
      assert.equal(log.version, '2.1.0');
      const run = log.runs[0];
      assert.equal(run.tool.driver.name, 'vpce-lint');
      assert.equal(run.tool.driver.version, PACKAGE_VERSION);
      const rule = run.tool.driver.rules[run.results[0].ruleIndex];
      assert.equal(rule.id, 'VPCE001');
      assert.equal(rule.shortDescription.text, 'The file could not be parsed completely.');
      assert.match(rule.fullDescription.text, /resources inside the broken part are not seen/);
      assert.match(rule.help.markdown, /\*\*VPCE001 syntax-error\*\*/);
      assert.ok(rule.help.text.length > 0);
      assert.equal(rule.helpUri, 'https://github.com/vpce-lint/vpce-lint/blob/main/docs/rules/VPCE001.md');
      assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
      assert.deepEqual(run.results[0], {
        ruleId: 'VPCE001', ruleIndex: run.tool.driver.rules.findIndex((x: { id: string }) => x.id === 'VPCE001'), level: 'error',
        message: { text: 'JSON: Close brace expected' },
        locations: [{ physicalLocation: {
          artifactLocation: { uri: 'policy.json', uriBaseId: '%SRCROOT%' },
          region: { startLine: 5, startColumn: 1, endLine: 5, endColumn: 1 },
        } }],
      });
    });

    it('maps info to note and carries fixes as artifact changes', () => {
      const { log } = sarifOf('suppression');
      const result = log.runs[0].results[0];
      assert.equal(result.ruleId, 'VPCE002');
      assert.equal(result.level, 'note');
      const line = locate(join(tempCopy('suppression'), 'template.yaml'), '# vpce-lint-ignore').line;
      assert.deepEqual(result.fixes, [{
        description: { text: 'Remove the unused suppression comment' },
        artifactChanges: [{
          artifactLocation: { uri: 'template.yaml', uriBaseId: '%SRCROOT%' },
          replacements: [{ deletedRegion: { startLine: line, startColumn: 1, endLine: line + 1, endColumn: 1 }, insertedContent: { text: '' } }],
        }],
      }]);
    });

    it('carries suggestions too, which the JSON report does not count as fixable', () => {
      const sarif = JSON.parse(runCli(['--format', 'sarif', 'examples'], ROOT).stdout);
      const peering = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'VPCE302');
      assert.deepEqual(peering.fixes.map((f: { description: { text: string } }) => f.description.text),
        ['Insert a Gateway endpoint for `s3` in VPC `aws_vpc.analytics` in place of this route']);
      const report = JSON.parse(runCli(['--format', 'json', 'examples'], ROOT).stdout);
      const finding = report.findings.find((f: { code: string }) => f.code === 'VPCE302');
      assert.equal(finding.fixable, false);
    });

    it('has an empty result list and still describes every rule when nothing is found', () => {
      const { log } = sarifOf('clean');
      assert.deepEqual(log.runs[0].results, []);
      const ids = log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
      for (const code of ['VPCE001', 'VPCE002', 'VPCE003', 'VPCE004', 'VPCE005']) assert.ok(ids.includes(code), code);
    });

    it('describes the catalog rules and locates VPCE101 at the region', () => {
      const { log } = sarifOf('region-tf');
      const run = log.runs[0];
      const rule = run.tool.driver.rules.find((x: { id: string }) => x.id === 'VPCE101');
      assert.equal(rule.name, 'service-region-mismatch');
      assert.deepEqual(rule.defaultConfiguration, { level: 'error' });
      const result = run.results.find((x: { ruleId: string }) => x.ruleId === 'VPCE101');
      const at = locate(join(tempCopy('region-tf'), 'endpoints.tf'), 'us-east-1');
      assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn });
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'VPCE101');
    });
  });
});
