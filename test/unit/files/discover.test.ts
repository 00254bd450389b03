// The folder walker shared by the CLI and the language server, in process.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { configIgnoreList, type IgnoreList } from '../../../server/src/engine/ignore';
import { GitignoreFiles, inSkippedFolder, terraformFilesIn, walkTree } from '../../../server/src/shared/discover';

const created: string[] = [];
after(() => { for (const dir of created) rmSync(dir, { recursive: true, force: true }); });

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vpce-lint-discover-'));
  created.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function walk(root: string, configIgnores: (dir: string) => IgnoreList[] = () => []) {
  const result = await walkTree(root, { gitignores: new GitignoreFiles(), configIgnores });
  return { ...result, files: result.files.map((f) => relative(root, f)), configs: result.configs.map((f) => relative(root, f)) };
}

describe('discover: walking a folder', () => {
  it('picks candidates by name, skips .git, node_modules and .terraform, and finds config files', async () => {
    const root = tree({
      'main.tf': '', 'vars.tfvars': '', 'cfn/t.yaml': '', 'p.json': '', 'notes.txt': '', '.vpce-lint.json': '{}',
      '.git/x.json': '', 'node_modules/m/p.json': '', 'infra/.terraform/modules/m/main.tf': '', '.github/w.yml': '',
    });
    const out = await walk(root);
    assert.deepEqual(out.files, ['.github/w.yml', 'cfn/t.yaml', 'main.tf', 'p.json', 'vars.tfvars']);
    assert.deepEqual(out.configs, ['.vpce-lint.json']);
    assert.deepEqual(out.errors, []);
  });

  it('applies nested .gitignore files to their own folder only', async () => {
    const root = tree({ '.gitignore': 'build/\n', 'build/a.json': '', 'a/.gitignore': '*.yaml\n', 'a/t.yaml': '', 'b/t.yaml': '' });
    assert.deepEqual((await walk(root)).files, ['b/t.yaml']);
  });

  it('reads .gitignore files above the root up to the repository root, and .git/info/exclude', async () => {
    const repo = tree({ '.git/info/exclude': 'scratch.json\n', '.gitignore': 'vendor/\n', 'app/vendor/p.json': '', 'app/scratch.json': '', 'app/p.json': '' });
    assert.deepEqual((await walk(join(repo, 'app'))).files, ['p.json']);
    // Outside a repository the folders above the root do not count.
    const plainDir = tree({ '.gitignore': 'vendor/\n', 'app/vendor/p.json': '', 'app/p.json': '' });
    assert.deepEqual((await walk(join(plainDir, 'app'))).files, ['p.json', 'vendor/p.json']);
  });

  it('applies config lists after .gitignore, so their negations re-include', async () => {
    const root = tree({ '.gitignore': 'generated/\n*.tfvars\n', 'generated/t.yaml': '', 'x.tfvars': '', 'stacks/dev/a.yaml': '', 'stacks/prod/a.yaml': '' });
    const lists = [configIgnoreList(root, ['!generated/', 'stacks/{dev,qa}/'])];
    assert.deepEqual((await walk(root, () => lists)).files, ['generated/t.yaml', 'stacks/prod/a.yaml']);
  });

  it('follows symbolic links to files but not to folders', async () => {
    const root = tree({ 'real/p.json': '' });
    symlinkSync(join(root, 'real'), join(root, 'linked-dir'));
    symlinkSync(join(root, 'real', 'p.json'), join(root, 'linked.json'));
    symlinkSync(join(root, 'missing.json'), join(root, 'dangling.json'));
    assert.deepEqual((await walk(root)).files, ['linked.json', 'real/p.json']);
  });

  it('stops when asked to', async () => {
    const root = tree({ 'a/p.json': '', 'b/p.json': '' });
    const result = await walkTree(root, { gitignores: new GitignoreFiles(), configIgnores: () => [], shouldStop: () => true });
    assert.deepEqual(result.files, []);
  });

  it('reports a folder it cannot read and goes on', async () => {
    const result = await walkTree(join(tmpdir(), 'vpce-lint-no-such-folder'), { gitignores: new GitignoreFiles(), configIgnores: () => [] });
    assert.deepEqual(result.errors, [`Cannot read directory ${join(tmpdir(), 'vpce-lint-no-such-folder')}: no such file or directory`]);
  });
});

describe('discover: helpers', () => {
  it('lists the Terraform files of a module folder, sorted', () => {
    const root = tree({ 'b.tf': '', 'a.tf.json': '', 'terraform.tfvars': '', 't.yaml': '', 'sub/c.tf': '' });
    assert.deepEqual(terraformFilesIn(root).map((f) => relative(root, f)), ['a.tf.json', 'b.tf', 'terraform.tfvars']);
    assert.deepEqual(terraformFilesIn(join(root, 'none')), []);
  });

  it('tells paths inside skipped folders, relative to the root', () => {
    assert.equal(inSkippedFolder('/ws/infra/.terraform/modules/main.tf', '/ws'), true);
    assert.equal(inSkippedFolder('/ws/node_modules/p.json', '/ws'), true);
    assert.equal(inSkippedFolder('/ws/infra/main.tf', '/ws'), false);
    assert.equal(inSkippedFolder('/home/node_modules/ws/main.tf', '/home/node_modules/ws'), false);
  });
});
