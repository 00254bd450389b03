import { strict as assert } from 'assert';
import fc from 'fast-check';
import { parseJsonToVal } from '../../server/src/engine/json';
import { LineIndex } from '../../server/src/engine/text';
import type { ObjVal, Range, StrVal } from '../../server/src/engine/model';

const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

describe('LineIndex', () => {
  it('maps offsets to positions across \\n, \\r\\n and \\r line breaks and back', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const idx = new LineIndex(text);
    assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(7), { line: 2, character: 0 });
    assert.deepEqual(idx.positionAt(10), { line: 3, character: 0 });
    assert.deepEqual(idx.positionAt(12), { line: 3, character: 2 });
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r' && text[o] === '\n') continue; // between \r and \n is not a position
      assert.equal(idx.offsetAt(idx.positionAt(o)), o, `offset ${o}`);
    }
  });
  it('clamps out-of-range positions and offsets', () => {
    const idx = new LineIndex('ab\ncd');
    assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(idx.offsetAt({ line: 9, character: 0 }), 5);
    assert.deepEqual(idx.positionAt(99), { line: 1, character: 2 });
  });
  it('counts characters in UTF-16 code units', () => {
    const idx = new LineIndex('😀x\ny');
    assert.deepEqual(idx.positionAt(2), { line: 0, character: 2 });
  });
  it('after an edit, maps every offset as an index of the new text built afresh does', () => {
    const pieces = fc.array(fc.constantFrom('a', 'bc', '\n', '\n\n', ' ', '\r\n', '\r'), { maxLength: 12 }).map((p) => p.join(''));
    fc.assert(fc.property(pieces, pieces, fc.nat(), fc.nat(), (text, inserted, a, b) => {
      const start = Math.min(a, b) % (text.length + 1);
      const oldEnd = start + (Math.max(a, b) % (text.length - start + 1));
      const next = text.slice(0, start) + inserted + text.slice(oldEnd);
      const edited = new LineIndex(text).edited(next, { start, oldEnd, newEnd: start + inserted.length });
      const fresh = new LineIndex(next);
      assert.equal(edited.lineCount, fresh.lineCount);
      for (let o = 0; o <= next.length; o++) assert.deepEqual(edited.positionAt(o), fresh.positionAt(o), `offset ${o} of ${JSON.stringify(next)}`);
    }), { numRuns: 500 });
  });
});

describe('parseJsonToVal', () => {
  it('builds objects, lists, numbers, booleans and null with exact ranges', () => {
    const text = '{\n  "a": "xyz",\n  "b": [1, true, null]\n}';
    const { val, problems } = parseJsonToVal(text, 'f.json');
    assert.deepEqual(problems, []);
    const obj = val as ObjVal;
    assert.equal(obj.t, 'obj');
    assert.deepEqual(obj.loc.range, r(0, 0, 3, 1));
    assert.deepEqual(obj.entries.map(e => e.key), ['a', 'b']);
    assert.deepEqual(obj.entries[0].keyLoc, { file: 'f.json', range: r(1, 3, 1, 4) });
    const a = obj.entries[0].value as StrVal;
    assert.equal(a.v, 'xyz');
    assert.deepEqual(a.loc.range, r(1, 7, 1, 12));
    assert.deepEqual(a.parts, [{ text: 'xyz', loc: { file: 'f.json', range: r(1, 8, 1, 11) } }]);
    const b = obj.entries[1].value;
    assert.equal(b.t, 'list');
    if (b.t !== 'list') return;
    assert.equal(b.complete, true);
    assert.deepEqual(b.items.map(i => i.t), ['num', 'bool', 'unknown']);
    assert.equal(b.items[0].t === 'num' && b.items[0].v, 1);
    assert.equal(b.items[1].t === 'bool' && b.items[1].v, true);
    assert.equal(b.items[2].t === 'unknown' && b.items[2].why, 'null');
    assert.deepEqual(b.items[2].loc.range, r(2, 17, 2, 21));
  });

  it('decodes escapes but keeps the content range of the raw token', () => {
    const { val } = parseJsonToVal('["a\\u0041\\n"]', 'f');
    const s = (val as { items: StrVal[] }).items[0];
    assert.equal(s.v, 'aA\n');
    assert.deepEqual(s.parts[0].loc.range, r(0, 2, 0, 11));
  });

  it('shifts ranges by origin: line always, character on the first line only', () => {
    const { val } = parseJsonToVal('{"a":\n "b"}', 'main.tf', { line: 10, character: 4 });
    const obj = val as ObjVal;
    assert.deepEqual(obj.entries[0].keyLoc.range, r(10, 6, 10, 7));
    assert.deepEqual((obj.entries[0].value as StrVal).parts[0].loc.range, r(11, 2, 11, 3));
  });

  it('reads trailing commas but reports them with the comma range', () => {
    const { val, problems } = parseJsonToVal('{"a": [1, 2,],\n "b": 3,\n}', 'f');
    assert.deepEqual((val as ObjVal).entries.map(e => e.key), ['a', 'b']);
    assert.deepEqual(problems.map(p => [p.message, p.loc.range]), [
      ['Trailing comma is not allowed in JSON', r(0, 11, 0, 12)],
      ['Trailing comma is not allowed in JSON', r(1, 7, 1, 8)],
    ]);
  });

  it('reports comments and duplicate keys (last value wins)', () => {
    const { val, problems } = parseJsonToVal('{"a": 1, // note\n "a": 2}', 'f');
    const entries = (val as ObjVal).entries;
    assert.equal(entries.length, 1);
    assert.equal(entries[0].value.t === 'num' && entries[0].value.v, 2);
    assert.deepEqual(problems.map(p => [p.message, p.loc.range]).sort(), [
      ['Comments are not allowed in JSON', r(0, 9, 0, 16)],
      ['Duplicate key "a"', r(1, 2, 1, 3)],
    ]);
  });

  it('keeps what it could read from unclosed input and reports where it broke', () => {
    const { val, problems } = parseJsonToVal('{"a": "x", "b":', 'f');
    assert.deepEqual((val as ObjVal).entries.map(e => e.key), ['a']);
    assert.deepEqual(problems.map(p => p.message), ['JSON: Value expected', 'JSON: Close brace expected']);
    assert.deepEqual(problems[0].loc.range, r(0, 15, 0, 15));
  });

  it('returns no value and a problem for binary and empty input', () => {
    const bin = parseJsonToVal('\u0000\u0001\u00ff\ufffdPK', 'f');
    assert.equal(bin.val, undefined);
    assert.ok(bin.problems.length > 0);
    assert.deepEqual(bin.problems[0].loc.range.start, { line: 0, character: 0 });
    const empty = parseJsonToVal('', 'f');
    assert.equal(empty.val, undefined);
    assert.deepEqual(empty.problems.map(p => p.message), ['JSON: Value expected']);
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    const { val, problems } = parseJsonToVal('['.repeat(100000), 'f');
    assert.equal(val, undefined);
    assert.match(problems[0].message, /nesting deeper than/);
  });
});

describe('parseJsonToVal with a byte-order mark', () => {
  it('reads the document after the BOM with unchanged positions', () => {
    const { val, problems } = parseJsonToVal('\ufeff{"Statement": []}', '/p.json');
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(val?.t, 'obj');
    assert.deepStrictEqual(val?.t === 'obj' && val.entries[0].keyLoc.range.start, { line: 0, character: 3 });
  });
});
