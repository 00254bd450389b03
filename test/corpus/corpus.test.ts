// Real-world behaviour, pinned: any change in what vpce-lint says about the corpus shows up in
// review as a diff of expected-findings.json (update with VPCE_LINT_UPDATE_CORPUS=1).
import * as assert from 'assert';
import * as fs from 'fs';
import { CORPUS, EXPECTED, lintCorpus, manifestNotes, type CorpusFinding } from './corpus';
import { ACCEPTED_ON_GOOD_CODE } from './accepted';

describe('real-world corpus', function () {
  this.timeout(120000);
  let findings: CorpusFinding[] = [];

  before(async function () {
    if (!fs.existsSync(CORPUS)) this.skip();
    findings = await lintCorpus();
  });

  it('lints every file without an internal error', () => {
    assert.deepStrictEqual(findings.filter((f) => f.code === 'VPCE005'), []);
  });

  it('matches the reviewed expected findings', () => {
    if (process.env.VPCE_LINT_UPDATE_CORPUS === '1') fs.writeFileSync(EXPECTED, JSON.stringify(findings, null, 1) + '\n');
    const expected = JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as CorpusFinding[];
    assert.deepStrictEqual(findings, expected);
  });

  it('raises no error or warning on precision-control and reference code, except reviewed real mistakes', () => {
    const notes = manifestNotes();
    const good = (file: string) => /precision control|reference good code|\(good\)|correct pattern/.test(notes.get(file) ?? '');
    const loud = findings.filter((f) => good(f.file) && (f.severity === 'error' || f.severity === 'warning'));
    const unexplained = loud.filter((f) => !ACCEPTED_ON_GOOD_CODE.some((a) => a.file === f.file && a.code === f.code && a.line === f.line));
    assert.deepStrictEqual(unexplained, []);
  });
});
