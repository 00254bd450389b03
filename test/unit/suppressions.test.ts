// Suppression comments are found the same way whatever the line ends: a file with `\n` ends is
// read by searching for the marker, one with `\r` by splitting it into lines.
import * as assert from 'assert';
import { findSuppressions } from '../../server/src/engine/suppressions';

const TEXT = [
  '# vpce-lint-ignore-file VPCE601',
  'resource "aws_vpc_endpoint" "a" {',
  '  # vpce-lint-ignore VPCE401 reason',
  '',
  '  // vpce-lint-ignore VPCE101, service-region-mismatch',
  '  # a comment',
  '  service_name = "x" # vpce-lint-ignore VPCE102',
  '  not a marker: vpce-lint-ignored',
  '  # vpce-lint-ignore',
  '}',
  '# vpce-lint-ignore VPCE204 at the end, nothing after it',
].join('\n');

describe('suppression comments', () => {
  it('finds each marker with its codes, place and the line it applies to', () => {
    const found = findSuppressions('/w/main.tf', TEXT);
    assert.deepStrictEqual(found.map((s) => [s.scope, s.codes, s.lines, s.loc.range.start, s.loc.range.end.character]), [
      ['file', ['VPCE601'], [], { line: 0, character: 0 }, 31],
      ['line', ['VPCE401'], [2, 6], { line: 2, character: 2 }, 35],
      ['line', ['VPCE101', 'service-region-mismatch'], [4, 6], { line: 4, character: 2 }, 54],
      ['line', ['VPCE102'], [6], { line: 6, character: 21 }, 47],
      ['line', [], [8, 9], { line: 8, character: 2 }, 20],
      ['line', ['VPCE204'], [10, 11], { line: 10, character: 0 }, 55],
    ]);
  });

  it('reads files with \\r\\n, \\r and \\n line ends alike', () => {
    const lf = findSuppressions('/w/main.tf', TEXT);
    assert.deepStrictEqual(findSuppressions('/w/main.tf', TEXT.replace(/\n/g, '\r\n')), lf);
    assert.deepStrictEqual(findSuppressions('/w/main.tf', TEXT.replace(/\n/g, '\r')), lf);
    // Every prefix of the text: markers cut short, the last line without its end.
    for (let n = 0; n <= TEXT.length; n += 7) {
      const part = TEXT.slice(0, n);
      assert.deepStrictEqual(findSuppressions('/w/main.tf', part), findSuppressions('/w/main.tf', part.replace(/\n/g, '\r\n')), `first ${n} characters`);
    }
  });

  it('reads a stack of comments above many blank lines once, whatever the line ends', () => {
    // Each comment applies to the one line of code far below: found once, not once per comment.
    const text = '# vpce-lint-ignore VPCE401\n'.repeat(2000) + '\n'.repeat(200000) + 'code';
    for (const t of [text, text.replace(/\n/g, '\r\n')]) {
      const found = findSuppressions('/w/main.tf', t);
      assert.strictEqual(found.length, 2000);
      assert.deepStrictEqual(found[0].lines, [0, 202000]);
      assert.deepStrictEqual(found[1999].lines, [1999, 202000]);
    }
  });
});
