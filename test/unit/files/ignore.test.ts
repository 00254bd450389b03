// The ignore-pattern matcher shared by the CLI and the language server: the cases git documents
// for pattern syntax, plus the `{a,b}` and `./` forms that config and settings lists accept.
import { strict as assert } from 'node:assert';
import {
  configIgnoreList, gitignoreList, isIgnored, isIgnoredWithParents, type IgnoreList,
} from '../../../server/src/engine/ignore';

function ignores(text: string, base = '/r'): IgnoreList[] {
  return [gitignoreList(base, text)];
}

describe('ignore patterns: gitignore syntax', () => {
  it('matches a name without a slash at any depth', () => {
    const l = ignores('secret.json');
    assert.equal(isIgnored(l, '/r/secret.json', false), true);
    assert.equal(isIgnored(l, '/r/a/b/secret.json', false), true);
    assert.equal(isIgnored(l, '/r/a/secret.json.bak', false), false);
  });

  it('anchors patterns with a leading or inner slash to the ignore file directory', () => {
    const l = ignores('/top.json\nconf/local.json');
    assert.equal(isIgnored(l, '/r/top.json', false), true);
    assert.equal(isIgnored(l, '/r/sub/top.json', false), false);
    assert.equal(isIgnored(l, '/r/conf/local.json', false), true);
    assert.equal(isIgnored(l, '/r/x/conf/local.json', false), false);
  });

  it('matches directory-only patterns against directories alone', () => {
    const l = ignores('out/');
    assert.equal(isIgnored(l, '/r/a/out', true), true);
    assert.equal(isIgnored(l, '/r/a/out', false), false);
  });

  it('lets a later negation re-include, and the last match win', () => {
    const l = ignores('*.json\n!keep.json\nkeep.json');
    assert.equal(isIgnored(l, '/r/a.json', false), true);
    assert.equal(isIgnored(l, '/r/keep.json', false), true);
    const m = ignores('*.json\n!keep.json');
    assert.equal(isIgnored(m, '/r/keep.json', false), false);
  });

  it('supports *, ?, character classes and **', () => {
    const l = ignores('a?.tf\n[bc]*.yaml\n[!x]y.json\nlogs/**\n**/tmp/*.json\ndocs/**/draft.json');
    assert.equal(isIgnored(l, '/r/a1.tf', false), true);
    assert.equal(isIgnored(l, '/r/a12.tf', false), false);
    assert.equal(isIgnored(l, '/r/cfn.yaml', false), true);
    assert.equal(isIgnored(l, '/r/dfn.yaml', false), false);
    assert.equal(isIgnored(l, '/r/ay.json', false), true);
    assert.equal(isIgnored(l, '/r/xy.json', false), false);
    assert.equal(isIgnored(l, '/r/logs/a/b.json', false), true);
    assert.equal(isIgnored(l, '/r/logs', true), false);
    assert.equal(isIgnored(l, '/r/tmp/a.json', false), true);
    assert.equal(isIgnored(l, '/r/x/y/tmp/a.json', false), true);
    assert.equal(isIgnored(l, '/r/docs/draft.json', false), true);
    assert.equal(isIgnored(l, '/r/docs/a/b/draft.json', false), true);
    assert.equal(isIgnored(l, '/r/a/docs/draft.json', false), false);
  });

  it('keeps comments, blank lines and escapes out of the patterns', () => {
    const l = ignores('# comment\n\n\\#hash.json\n\\!bang.json\ntrailing.json   ');
    assert.equal(isIgnored(l, '/r/# comment', false), false);
    assert.equal(isIgnored(l, '/r/#hash.json', false), true);
    assert.equal(isIgnored(l, '/r/!bang.json', false), true);
    assert.equal(isIgnored(l, '/r/trailing.json', false), true);
  });

  it('does not apply an ignore file to paths outside its directory', () => {
    assert.equal(isIgnored(ignores('*.json', '/r/sub'), '/r/a.json', false), false);
  });

  it('treats a path as ignored when a directory above it is', () => {
    const l = ignores('vendor/');
    assert.equal(isIgnored(l, '/r/vendor/x/policy.json', false), false);
    assert.equal(isIgnoredWithParents(l, '/r/vendor/x/policy.json', false), true);
  });

  it('keeps `{` literal in .gitignore files, as git does', () => {
    const l = ignores('{a,b}.json');
    assert.equal(isIgnored(l, '/r/{a,b}.json', false), true);
    assert.equal(isIgnored(l, '/r/a.json', false), false);
  });

  it('drops a pattern that cannot match instead of throwing', () => {
    const l = ignores('[z-a].json\nkeep-going.json');
    assert.equal(l[0].patterns.length, 1);
    assert.equal(isIgnored(l, '/r/keep-going.json', false), true);
  });

  it('accepts backslash-separated paths (Windows) on both sides', () => {
    const l = [gitignoreList('C:\\ws', 'build/')];
    assert.equal(isIgnoredWithParents(l, 'C:\\ws\\build\\policy.json', false), true);
    assert.equal(isIgnoredWithParents(l, 'C:\\ws\\src\\policy.json', false), false);
  });
});

describe('ignore patterns: config and settings lists', () => {
  // The `vpceLint.ignore` cases the language server had, now with gitignore semantics.
  const lists = [configIgnoreList('/ws', ['examples/**', '*.generated.tf', 'modules/legacy', 'stacks/{dev,test}/*.yaml'])];
  const ignored = (path: string) => isIgnoredWithParents(lists, path, false);

  it('matches paths relative to the base folder', () => {
    assert.equal(ignored('/ws/examples/a/main.tf'), true);
    assert.equal(ignored('/ws/deep/x.generated.tf'), true);
    assert.equal(ignored('/ws/modules/legacy/main.tf'), true);
    assert.equal(ignored('/ws/stacks/dev/app.yaml'), true);
    assert.equal(ignored('/ws/stacks/test/app.yaml'), true);
  });

  it('does not match elsewhere', () => {
    assert.equal(ignored('/ws/src/examples.tf'), false);
    assert.equal(ignored('/ws/other/modules/legacy/main.tf'), false);
    assert.equal(ignored('/ws/stacks/prod/app.yaml'), false);
    assert.equal(ignored('/ws/stacks/dev/sub/app.yaml'), false);
    assert.equal(ignored('/elsewhere/examples/main.tf'), false);
  });

  it('expands nested alternatives and keeps a lone `{x}` literal', () => {
    const l = [configIgnoreList('/ws', ['{envs/{dev,qa},scratch}/', 'x{1}.json', 'a\\{b,c}.json'])];
    assert.equal(isIgnoredWithParents(l, '/ws/envs/dev/main.tf', false), true);
    assert.equal(isIgnoredWithParents(l, '/ws/envs/qa/main.tf', false), true);
    assert.equal(isIgnoredWithParents(l, '/ws/envs/prod/main.tf', false), false);
    assert.equal(isIgnoredWithParents(l, '/ws/scratch/p.json', false), true);
    assert.equal(isIgnored(l, '/ws/x{1}.json', false), true);
    assert.equal(isIgnored(l, '/ws/x1.json', false), false);
    assert.equal(isIgnored(l, '/ws/a{b,c}.json', false), true);
    assert.equal(isIgnored(l, '/ws/ab.json', false), false);
  });

  it('re-includes with `!`, the last match winning', () => {
    const l = [configIgnoreList('/ws', ['stacks/*/*.yaml', '!stacks/{prod,stage}/*.yaml'])];
    assert.equal(isIgnored(l, '/ws/stacks/dev/app.yaml', false), true);
    assert.equal(isIgnored(l, '/ws/stacks/prod/app.yaml', false), false);
    assert.equal(isIgnored(l, '/ws/stacks/stage/app.yaml', false), false);
  });

  it('cannot re-include a file whose folder is ignored, as in git', () => {
    const l = [configIgnoreList('/ws', ['legacy/', '!legacy/keep.tf'])];
    assert.equal(isIgnoredWithParents(l, '/ws/legacy/keep.tf', false), true);
  });

  it('lets a config list re-include what a .gitignore file excludes (it comes later)', () => {
    const l = [gitignoreList('/ws', 'generated/\n'), configIgnoreList('/ws', ['!generated/'])];
    assert.equal(isIgnoredWithParents(l, '/ws/generated/template.yaml', false), false);
    assert.equal(isIgnoredWithParents([l[0]], '/ws/generated/template.yaml', false), true);
  });

  it('reads a leading `./` as anchoring to the base folder and ignores indentation', () => {
    const l = [configIgnoreList('/ws', ['./build/', '  !./build/', './tmp.json'])];
    assert.equal(isIgnored(l, '/ws/build', true), false);
    assert.equal(isIgnored(l, '/ws/tmp.json', false), true);
    assert.equal(isIgnored(l, '/ws/sub/tmp.json', false), false);
  });
});
