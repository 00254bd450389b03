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
    const size = 40000;
    const text = 'x'.repeat(size);
    for (const at of [0, 1, 15, 16, 17, 511, 512, 513, 16383, 16384, 16385, 16384 + 512 + 16 + 3, 32768, size - 16385, size - 1]) {
      const edited = text.slice(0, at) + 'y' + text.slice(at + 1);
      assert.strictEqual(commonPrefix(text, edited), at);
      assert.strictEqual(commonSuffix(text, edited, size - at), size - 1 - at);
    }
  });

  it('equals a character-by-character comparison on any pair of texts', () => {
    const texts = fc.string({ unit: fc.constantFrom('a', 'b', '\n'), maxLength: 1200, size: 'max' });
    // Repeated, a text spans the big blocks too.
    fc.assert(fc.property(texts, texts, fc.nat(1200), fc.constantFrom(1, 40), (part, insert, at, times) => {
      const base = part.repeat(times);
      const a = base;
      const b = base.slice(0, at * times) + insert + base.slice(at * times);
      const prefix = commonPrefix(a, b);
      assert.strictEqual(prefix, naivePrefix(a, b));
      const max = Math.min(a.length, b.length) - prefix;
      assert.strictEqual(commonSuffix(a, b, max), naiveSuffix(a, b, max));
    }), { numRuns: 300 });
  });
});
