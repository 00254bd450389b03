// What a keystroke's lint makes dies young: once the next keystrokes replaced it, a scavenge finds
// only the current state alive. When objects of a finished lint stay reachable for the scavenger
// (pretenured findings pointing at their lint, a WeakMap value, a dropped diagnostic holding its
// lint), every scavenge copies and promotes several keystrokes' scopes and texts, and typing in a
// large file stutters (see README, Performance).
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..', '..');

interface Survivors { textBytes: number; scavengedMeanwhile: boolean; youngBytes: number; survivedBytes: number; promotedLargeBytes: number }

describe('keystroke garbage', function () {
  this.timeout(120000);

  it('a scavenge after eight keystrokes in a 5,000-line file keeps one document text and under 1 MB', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '-r', path.join(ROOT, 'test', 'register.js'),
      path.join(__dirname, 'keystroke-survivors.ts'), '--product-gc-setting'], { encoding: 'utf8' });
    const s = JSON.parse(out) as Survivors;
    // No scavenge ran during the eight keystrokes (one would have promoted their texts unseen):
    // their garbage was all still young.
    assert.strictEqual(s.scavengedMeanwhile, false, 'a scavenge ran during the eight keystrokes');
    assert.ok(s.youngBytes > 8 * s.textBytes, `young generation before the scavenge: ${s.youngBytes} bytes`);
    // The document text (a large object) of the last keystroke, not those of the seven before.
    assert.ok(s.promotedLargeBytes <= 2 * s.textBytes, `promoted large objects: ${s.promotedLargeBytes} bytes (a text is ${s.textBytes})`);
    assert.ok(s.survivedBytes < 1024 * 1024, `survived: ${s.survivedBytes} bytes`);
  });
});
