import { strict as assert } from 'assert';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

const root = join(__dirname, '../../..');

describe('generated AWS data', () => {
  it('is what scripts/gen-data.mjs produces from the current inputs, byte for byte', async function () {
    const gen = await import(join(root, 'scripts/gen-data.mjs'));
    const inputs = gen.defaultInputs();
    // Only the generator's inputs outside the repository can be missing (a checkout without ../shared).
    if (!existsSync(inputs.servicesTsv)) this.skip();
    const files: Record<string, string> = gen.generate(inputs);
    assert.deepEqual(Object.keys(files).sort(), ['regions.generated.ts', 'services.generated.ts']);
    for (const [name, text] of Object.entries(files)) {
      const committed = readFileSync(join(root, 'server/src/engine/data', name), 'utf8');
      assert.ok(committed === text, `${name} is stale: run \`npm run gen:data\``);
    }
  });

  it('generates the same bytes twice', async () => {
    const gen = await import(join(root, 'scripts/gen-data.mjs'));
    const inputs = gen.defaultInputs();
    assert.equal(gen.regionsSource(inputs.partitionsJs, inputs.sdkVersion), gen.regionsSource(inputs.partitionsJs, inputs.sdkVersion));
  });
});
