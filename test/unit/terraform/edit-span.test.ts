// Where an edit is: the common prefix and suffix of the old and new text, found a block at a time.
import * as assert from 'assert';
import fc from 'fast-check';
import { commonPrefix, commonSuffix } from '../../../server/src/engine/text';

function naivePrefix(a: string, b: string): number {
  let n = 0;
  while (n < Math.min(a.length, b.length) && a[n] === b[n]) n++;
  return n;
}

function naiveSuffix(a: string, b: string, max: number): number {
  let n = 0;
  while (n < max && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

describe('edit span', () => {
  it('finds the edit of a one-character change at, before and after block boundaries', () => {
    const text = 'x'.repeat(1000);
    for (const at of [0, 1, 255, 256, 257, 511, 512, 999]) {
      const edited = text.slice(0, at) + 'y' + text.slice(at + 1);
      assert.strictEqual(commonPrefix(text, edited), at);
      assert.strictEqual(commonSuffix(text, edited, 1000 - at), 999 - at);
    }
  });

  it('equals a character-by-character comparison on any pair of texts', () => {
    const texts = fc.string({ unit: fc.constantFrom('a', 'b', '\n'), maxLength: 1200, size: 'max' });
    fc.assert(fc.property(texts, texts, fc.nat(1200), (base, insert, at) => {
      const a = base;
      const b = base.slice(0, at) + insert + base.slice(at);
      const prefix = commonPrefix(a, b);
      assert.strictEqual(prefix, naivePrefix(a, b));
      const max = Math.min(a.length, b.length) - prefix;
      assert.strictEqual(commonSuffix(a, b, max), naiveSuffix(a, b, max));
    }), { numRuns: 300 });
  });
});
