// The rule pages and the README table are generated from rule metadata; stale copies fail here.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DOCS_DIR, README, expectedDocFiles, readmeWithTable } from '../../scripts/rule-docs';

describe('generated rule documentation', () => {
  it('docs/rules holds exactly one current page per rule (run `npm run gen:docs`)', () => {
    const expected = expectedDocFiles();
    const present = fs.existsSync(DOCS_DIR) ? fs.readdirSync(DOCS_DIR).map((f) => path.join(DOCS_DIR, f)).sort() : [];
    assert.deepStrictEqual(present, [...expected.keys()].sort());
    for (const [file, text] of expected) assert.strictEqual(fs.readFileSync(file, 'utf8'), text, `${path.basename(file)} is stale`);
  });

  it('the README rule table is current (run `npm run gen:docs`)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    assert.strictEqual(readme, readmeWithTable(readme));
  });
});
