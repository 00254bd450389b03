import { strict as assert } from 'assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { buildTerraformScope } from '../../../server/src/engine/terraform';
import { ready } from './helpers';

const CORPUS = '/work/shared/corpus/terraform';
const TF = /\.(tf|tf\.json|tfvars|tfvars\.json)$/;

function moduleDirs(root: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (TF.test(name)) out.set(dir, [...(out.get(dir) ?? []), p]);
    }
  };
  walk(root);
  return out;
}

describe('terraform corpus', () => {
  before(ready);

  (existsSync(CORPUS) ? it : it.skip)('builds a scope for every module directory without throwing', () => {
    const dirs = moduleDirs(CORPUS);
    assert.ok(dirs.size > 10);
    let resources = 0;
    for (const [dir, paths] of dirs) {
      const scope = buildTerraformScope(dir, paths.map((p) => ({ path: p, text: readFileSync(p, 'utf8') })));
      assert.equal(scope.files.length, paths.length, dir);
      for (const r of scope.resources) assert.ok(r.loc.range.start.line <= r.loc.range.end.line, r.key);
      resources += scope.resources.length;
    }
    assert.ok(resources > 100, `only ${resources} resources in the corpus`);
  });
});
