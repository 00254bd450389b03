// Run by young-garbage.test.ts in a process of its own (with --expose-gc and the product's GC
// setting): types into a 5,000-line Terraform file, empties the young generation, types 8 more
// keystrokes, then runs one scavenge and prints what survived it, as JSON.
import { getHeapSpaceStatistics } from 'node:v8';
import { largeTerraformFile } from '../../../bench/generate';
import { initEngine, Workspace } from '../../../server/src/engine';
import { keepShortLivedObjectsYoung } from '../../../server/src/shared/gc';

const gc = (globalThis as { gc?: (options?: { type: 'minor' }) => void }).gc!;
const used = (space: string) => getHeapSpaceStatistics().find((s) => s.space_name === space)!.space_used_size;

(async () => {
  if (process.argv.includes('--product-gc-setting')) keepShortLivedObjectsYoung();
  await initEngine();
  const text = largeTerraformFile(5000);
  const lines = text.split('\n');
  const ws = new Workspace();
  let keystroke = 0;
  // A space typed at the end of a line, then deleted again, as the latency benchmark types.
  const type = () => {
    const edited = lines.slice();
    if (keystroke % 2 === 0) edited[(keystroke * 7919) % lines.length] += ' ';
    keystroke++;
    for (const id of ws.setFile('/w/main.tf', edited.join('\n'))) ws.lintScope(id);
  };
  for (let i = 0; i < 60; i++) type();
  gc({ type: 'minor' });
  gc({ type: 'minor' });
  // A scavenge empties the young generation: its use falling between keystrokes means one ran.
  let scavengedMeanwhile = false;
  for (let i = 0; i < 8; i++) {
    const before = used('new_space');
    type();
    if (used('new_space') < before) scavengedMeanwhile = true;
  }
  const largeBefore = used('large_object_space');
  const young = used('new_space') + used('new_large_object_space');
  gc({ type: 'minor' });
  process.stdout.write(JSON.stringify({
    textBytes: text.length,
    scavengedMeanwhile,
    youngBytes: young,
    survivedBytes: used('new_space'),
    promotedLargeBytes: used('large_object_space') - largeBefore,
  }));
})();
