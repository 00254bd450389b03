// Which files the built CLI lints: directory walking, .gitignore files, skipped directories and
// Terraform modules. Every linted file here is a broken policy, so it shows up as findings.
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ensureBuilt, FIXTURES, json, runCli, tempCopy } from './helpers';

const BROKEN = readFileSync(join(FIXTURES, 'broken-policy', 'policy.json'), 'utf8');

function tree(files: Record<string, string>): string {
  const dir = tempCopy();
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function lintedFiles(dir: string, args: string[] = []): string[] {
  const out = json(runCli(['--format', 'json', ...args], dir));
  return [...new Set(out.findings.map((f) => f.file))].sort();
}

describe('CLI file selection', () => {
  before(ensureBuilt);

  it('applies .gitignore patterns: directories, globs, negation, anchoring, nested files', () => {
    const dir = tree({
      '.gitignore': [
        '# build output',
        'build/',
        '*.generated.json',
        '!keep.generated.json',
        '/root-only.json',
        'docs/**/draft-*.json',
      ].join('\n'),
      'build/a.json': BROKEN,
      'x.generated.json': BROKEN,
      'keep.generated.json': BROKEN,
      'root-only.json': BROKEN,
      'sub/root-only.json': BROKEN,
      'sub/deeper/x.generated.json': BROKEN,
      'sub/.gitignore': 'local.json\n',
      'sub/local.json': BROKEN,
      'local.json': BROKEN,
      'docs/a/b/draft-1.json': BROKEN,
      'docs/final.json': BROKEN,
    });
    assert.deepEqual(lintedFiles(dir), ['docs/final.json', 'keep.generated.json', 'local.json', 'sub/root-only.json']);
  });

  it('reads {a,b} alternation and negation in the .vpce-lint.json ignore list, after .gitignore', () => {
    const dir = tree({
      '.gitignore': 'generated/\n',
      '.vpce-lint.json': '{ "ignore": ["stacks/{dev,qa}/", "*.{bak,old}.json", "!generated/"] }',
      'stacks/dev/p.json': BROKEN,
      'stacks/qa/p.json': BROKEN,
      'stacks/prod/p.json': BROKEN,
      'x.bak.json': BROKEN,
      'x.old.json': BROKEN,
      'generated/p.json': BROKEN,
    });
    assert.deepEqual(lintedFiles(dir), ['generated/p.json', 'stacks/prod/p.json']);
    // A named file under a folder the config ignores stays ignored.
    assert.deepEqual(lintedFiles(dir, ['stacks/qa/p.json']), []);
  });

  it('skips .git, node_modules and .terraform directories but not other hidden ones', () => {
    const dir = tree({
      '.git/config.json': BROKEN,
      'node_modules/pkg/policy.json': BROKEN,
      'infra/.terraform/modules/policy.json': BROKEN,
      '.github/policy.json': BROKEN,
      'infra/policy.json': BROKEN,
    });
    assert.deepEqual(lintedFiles(dir), ['.github/policy.json', 'infra/policy.json']);
  });

  it('honours .gitignore files above the named directory, up to the repository root', () => {
    const dir = tree({ '.git/HEAD': 'ref: refs/heads/main\n', '.gitignore': 'vendor/\n', 'app/vendor/policy.json': BROKEN, 'app/policy.json': BROKEN });
    assert.deepEqual(lintedFiles(dir, ['app']), ['app/policy.json']);
  });

  it('lints a named file even when .gitignore matches it', () => {
    const dir = tree({ '.gitignore': '*.json\n', 'policy.json': BROKEN });
    assert.deepEqual(lintedFiles(dir), []);
    assert.deepEqual(lintedFiles(dir, ['policy.json']), ['policy.json']);
  });

  it('leaves alone files that are neither Terraform, CloudFormation nor policies', () => {
    const dir = tree({ 'package.json': '{ "name": "x" }', 'notes.txt': BROKEN, 'k8s.yaml': 'apiVersion: v1\nkind: Pod\n', 'policy.json': BROKEN });
    const out = json(runCli(['--format', 'json'], dir));
    assert.equal(out.summary.filesChecked, 1);
    assert.deepEqual(lintedFiles(dir), ['policy.json']);
  });

  it('reports only a named .tf file while loading its module', () => {
    const dir = tempCopy('region-tf');
    const named = json(runCli(['--format', 'json', 'providers.tf'], dir));
    assert.equal(named.summary.filesChecked, 1);
    assert.deepEqual(named.findings, []);
    const whole = json(runCli(['--format', 'json', '.'], dir));
    assert.equal(whole.summary.filesChecked, 2);
  });

  it('finds a module-wide mistake when only the file that shows it is named', () => {
    const dir = tempCopy('region-tf');
    const out = json(runCli(['--format', 'json', 'endpoints.tf'], dir));
    assert.deepEqual(out.findings.map((f) => [f.file, f.code]), [['endpoints.tf', 'VPCE101']]);
  });
});
