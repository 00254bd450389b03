// `npm run fuzz [-- --cases N --seed S]`: a long random campaign. Each failing input is shrunk by
// fast-check and saved as a regression sample under test/fuzz/regressions/, which the default
// test run then checks on every run.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { initEngine } from '../../server/src/engine';
import { checkInvariants, mutate, mutationArb, REGRESSIONS, samples } from './properties';

async function main() {
  const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
  const cases = arg('--cases', 200000);
  const seed = arg('--seed', Date.now() % 2147483647);
  await initEngine();
  const pool = samples();
  console.log(`fuzzing ${pool.length} samples, ${cases} cases, seed ${seed}`);
  const result = fc.check(fc.property(fc.nat({ max: pool.length - 1 }), mutationArb, fc.boolean(), (i, muts, withFixes) => {
    checkInvariants(pool[i].file, mutate(pool[i].text, muts), withFixes);
  }), { seed, numRuns: cases });
  if (!result.failed) { console.log('no failure found'); return; }
  const [i, muts] = result.counterexample as [number, Parameters<typeof mutate>[1], boolean];
  const sample = pool[i];
  fs.mkdirSync(REGRESSIONS, { recursive: true });
  const out = path.join(REGRESSIONS, `seed-${seed}-${sample.file}`);
  fs.writeFileSync(out, mutate(sample.text, muts));
  console.error(`FAILED (${String(result.errorInstance)}); input saved to ${path.relative(process.cwd(), out)}`);
  process.exit(1);
}

main().catch((e) => { console.error(e); process.exit(2); });
