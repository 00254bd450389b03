// The gitignore-style matcher, in process: the cases git documents for pattern syntax.
import { strict as assert } from 'node:assert';
import { isIgnored, isIgnoredWithParents, parseIgnoreText, type IgnoreList } from '../../server/src/cli/ignore';

function ignores(text: string, base = '/r'): IgnoreList[] {
  return [{ base, patterns: parseIgnoreText(text) }];
}

describe('gitignore matcher', () => {
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
});
