// Every rule against its valid and invalid fixtures: exact findings, fixed output, convergence.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { safeFixOf, type Diagnostic } from '../../server/src/engine';
import { findingsOf, fixUntilStable, lintFiles, listCases, readTexts, toExpected, type ExpectedFinding } from './harness';

const UPDATE = process.env.VPCE_LINT_UPDATE_FIXTURES === '1';

describe('rule fixtures', () => {
  for (const c of listCases()) {
    describe(`${c.code} ${c.name}`, () => {
      const texts = readTexts(c.dir, c.files);

      it(c.name.startsWith('valid') ? 'has no finding' : 'has exactly the expected findings', async () => {
        const all = await lintFiles(c.dir, texts);
        const actual = findingsOf(c.code, all).map(({ file, d }) => toExpected(file, d));
        if (c.name.startsWith('valid')) {
          assert.deepStrictEqual(actual, []);
          return;
        }
        const expectedPath = path.join(c.dir, 'expected.json');
        if (UPDATE) fs.writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
        const expected = JSON.parse(fs.readFileSync(expectedPath, 'utf8')) as ExpectedFinding[];
        assert.ok(expected.length > 0, 'an invalid case must expect at least one finding');
        assert.deepStrictEqual(actual, expected);
        // Fixtures must not hide syntax errors that would make the case meaningless.
        const syntax = [...all.values()].flat().filter((d) => d.code === 'VPCE001');
        assert.deepStrictEqual(syntax.map((d) => d.message), []);
      });

      it('gets the same findings and safe fixes from the CLI\'s one-shot lint', async () => {
        const summary = (all: Map<string, Diagnostic[]>) => [...all].map(([file, list]) =>
          [file, list.map((d) => ({ ...toExpected(file, d), code: d.code, safeFix: safeFixOf(d.fixes) ?? null }))]);
        const editor = await lintFiles(c.dir, texts);
        const cli = await lintFiles(c.dir, texts, { incremental: false, fixes: 'safe' });
        assert.deepStrictEqual(summary(cli), summary(editor));
      });

      const fixedDir = path.join(c.dir, 'fixed');
      if (fs.existsSync(fixedDir) || (UPDATE && c.name.startsWith('invalid'))) {
        it('fixes to the expected output, which re-lints clean and converges', async () => {
          const { texts: fixed } = await fixUntilStable(c.code, c.dir, texts);
          const changed = [...fixed].filter(([f, t]) => texts.get(f) !== t);
          if (UPDATE) {
            if (!changed.length) return;
            fs.mkdirSync(fixedDir, { recursive: true });
            for (const [f, t] of changed) fs.writeFileSync(path.join(fixedDir, f), t);
          }
          const expectedFiles = fs.readdirSync(fixedDir).sort();
          assert.deepStrictEqual(changed.map(([f]) => f).sort(), expectedFiles, 'the fix changes exactly the files in fixed/');
          for (const f of expectedFiles) {
            assert.strictEqual(fixed.get(f), fs.readFileSync(path.join(fixedDir, f), 'utf8'), `fixed ${f}`);
          }
          const after = await lintFiles(c.dir, fixed);
          const remaining = findingsOf(c.code, after).filter(({ d }) => d.fixes.length > 0);
          assert.deepStrictEqual(remaining.map(({ d }) => d.message), [], 'no fixable finding of the rule remains');
          const syntax = [...after.values()].flat().filter((d) => d.code === 'VPCE001');
          assert.deepStrictEqual(syntax.map((d) => d.message), [], 'the fixed files parse');
          // Applying fixes again changes nothing.
          const again = await fixUntilStable(c.code, c.dir, fixed);
          assert.deepStrictEqual([...again.texts], [...fixed]);
        });
      }
    });
  }
});
