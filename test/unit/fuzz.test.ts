// Seeded property tests: random edits of real files in every format (see test/fuzz/properties.ts).
// The long campaign is `npm run fuzz`; failures it finds are saved under test/fuzz/regressions/.
import fc from 'fast-check';
import { initEngine } from '../../server/src/engine';
import { checkInvariants, mutate, mutationArb, samples } from '../fuzz/properties';

const CASES = Number(process.env.VPCE_LINT_FUZZ_CASES ?? 10000);

describe('fuzzing the engine with random edits', function () {
  this.timeout(600000);
  const pool = samples();
  before(() => initEngine());

  it(`never throws and keeps diagnostics inside the document (${CASES} cases)`, () => {
    fc.assert(fc.property(fc.nat({ max: pool.length - 1 }), mutationArb, (i, muts) => {
      checkInvariants(pool[i].file, mutate(pool[i].text, muts), false);
    }), { seed: 20261121, numRuns: CASES });
  });

  it('offers only fixes that keep the file parseable, remove their finding and converge', () => {
    fc.assert(fc.property(fc.nat({ max: pool.length - 1 }), mutationArb, (i, muts) => {
      checkInvariants(pool[i].file, mutate(pool[i].text, muts), true);
    }), { seed: 42, numRuns: Math.max(100, Math.floor(CASES / 20)) });
  });

  it('checks every unmodified sample, fixes included', () => {
    for (const s of pool) checkInvariants(s.file, s.text, true);
  });
});
