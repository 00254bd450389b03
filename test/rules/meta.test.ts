// Every rule is registered, documented, and has valid and invalid fixtures in each of its formats.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../../server/src/engine';
import { findingsOf, FIXTURES, formatOf, lintFiles, listCases, readTexts } from './harness';

const CATALOG = path.join(__dirname, '..', '..', 'server', 'src', 'engine', 'rules');

describe('rule registry', () => {
  it('registers every rule file exactly once, in code order', () => {
    const files = fs.readdirSync(CATALOG).filter((f) => /^VPCE\d{3}-.*\.ts$/.test(f)).sort();
    const registered = RULES.map((r) => `${r.meta.code}-${r.meta.name}.ts`);
    assert.deepStrictEqual(registered, files);
  });

  for (const rule of RULES) {
    const { code, docs, formats } = rule.meta;
    describe(`${code} ${rule.meta.name}`, () => {
      it('is documented', () => {
        assert.ok(docs.summary.length > 20, 'summary');
        assert.ok(docs.why.length > 40, 'why');
        assert.ok(docs.fix.length > 3, 'fix');
        assert.ok(docs.references.some((r) => r.startsWith('https://docs.aws.amazon.com/')), 'an AWS documentation link');
        for (const f of formats) {
          const wanted = f === 'cloudformation' ? ['cloudformation-yaml', 'cloudformation-json'] : f === 'policy' ? ['policy-json'] : ['terraform'];
          assert.ok(docs.examples.some((e) => wanted.includes(e.format)), `a bad/good example for ${f}`);
        }
      });
      it('has valid and invalid fixtures in each of its formats', () => {
        const cases = listCases().filter((c) => c.code === code);
        for (const f of formats) {
          for (const kind of ['valid', 'invalid']) {
            const found = cases.some((c) => c.name.startsWith(kind) && c.files.some((file) => formatOf(file) === f));
            assert.ok(found, `a ${kind} ${f} fixture under ${path.join(FIXTURES, code)}`);
          }
        }
      });
      it('has a fixed/ output for some invalid fixture when it is fixable', () => {
        if (!rule.meta.fixable) return;
        const cases = listCases().filter((c) => c.code === code && c.name.startsWith('invalid'));
        assert.ok(cases.some((c) => fs.existsSync(path.join(c.dir, 'fixed'))), 'an invalid fixture with fixed/');
      });
      it('offers a safe fix for some invalid fixture, or none at all when it offers suggestions only', async () => {
        if (!rule.meta.fixable) return;
        const fixes = [];
        for (const c of listCases().filter((x) => x.code === code && x.name.startsWith('invalid'))) {
          for (const { d } of findingsOf(code, await lintFiles(c.dir, readTexts(c.dir, c.files)))) fixes.push(...d.fixes);
        }
        const safe = fixes.filter((f) => f.safe).map((f) => f.title);
        // --fix and the CLI's reports skip working out the fixes of a suggestions-only rule.
        if (rule.meta.suggestionsOnly) assert.deepStrictEqual(safe, []);
        else assert.ok(safe.length > 0, 'a safe fix (else mark the rule suggestionsOnly)');
      });
    });
  }
});
