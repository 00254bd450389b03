import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { buildCloudFormationScope, looksLikeCloudFormation } from '../../../server/src/engine/cloudformation';
import { isMappedType } from '../../../server/src/engine/cloudformation/resources';

const CORPUS = '/work/shared/corpus';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe('CloudFormation corpus', () => {
  const templates = filesUnder(path.join(CORPUS, 'cloudformation'));
  const fixtures = filesUnder(path.join(CORPUS, 'scanner-fixtures'))
    .filter(f => /\.(json|ya?ml)$/i.test(f))
    .filter(f => looksLikeCloudFormation(fs.readFileSync(f, 'utf8'), f));

  it('finds the corpus', function () {
    if (!templates.length) this.skip();
    assert.ok(templates.length >= 10);
  });

  for (const file of [...templates, ...fixtures]) {
    it(`builds a scope for ${path.relative(CORPUS, file)}`, () => {
      const text = fs.readFileSync(file, 'utf8');
      assert.ok(looksLikeCloudFormation(text, file), 'recognized as CloudFormation');
      const scope = buildCloudFormationScope({ path: file, text }, {});
      assert.deepEqual(scope.files[0].problems, [], 'real templates parse cleanly');
      const mappedTypes = [...text.matchAll(/"?Type"?\s*:\s*["']?(AWS::[\w:]+)/g)].filter(m => isMappedType(m[1]));
      if (mappedTypes.length) assert.ok(scope.resources.length > 0, 'has resources');
      for (const r of scope.resources) {
        assert.equal(r.nameLoc.file, file);
        assert.ok(r.loc.range.start.line <= r.loc.range.end.line);
      }
      // The same with a region: every AWS::Region resolves.
      buildCloudFormationScope({ path: file, text }, { region: 'eu-west-1' });
    });
  }
});
