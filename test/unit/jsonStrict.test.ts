import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseJsonLeniently } from '../../server/src/engine/json';
import { readStrictJson } from '../../server/src/engine/jsonStrict';
import type { Position } from '../../server/src/engine/model';
import { LineIndex, shiftPosition } from '../../server/src/engine/text';

const ROOT = path.join(__dirname, '..', '..');
const CORPUS = '/work/shared/corpus';

function jsonFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : jsonFilesUnder(p);
    return e.name.endsWith('.json') ? [p] : [];
  });
}

/** The direct reading of `text`, checked against jsonc-parser's: undefined when it declines. */
function readBoth(text: string, origin?: Position) {
  const lines = new LineIndex(text);
  const loc = (offset: number, length: number) => ({
    file: 'f.json',
    range: { start: shiftPosition(lines.positionAt(offset), origin), end: shiftPosition(lines.positionAt(offset + length), origin) },
  });
  const direct = readStrictJson(text, loc, 400);
  if (direct) assert.deepStrictEqual({ val: direct, problems: [] }, parseJsonLeniently(text, 'f.json', origin), text.slice(0, 200));
  return direct;
}

describe('strict JSON read directly (without jsonc-parser)', () => {
  it('reads strict JSON as jsonc-parser and the conversion do, values and ranges', () => {
    const accepted = [
      '{"a": [1, -0, 1e400, 0.5e+3, true, false, null], "b": {"c": "d\\u0041\\n"}}',
      '\ufeff{"a":1}', '\t{"a":\r\n1}', '[]', '{}', '"\\ud800"', '"a\u2028b"', '{"__proto__": 1}',
      '['.repeat(400) + ']'.repeat(400),
    ];
    for (const text of accepted) assert.ok(readBoth(text), text.slice(0, 40));
    // Inside a Terraform heredoc: positions are shifted to where the JSON starts.
    assert.ok(readBoth('{\n  "Version": "2012-10-17"\n}', { line: 4, character: 10 }));
  });

  it('leaves everything else to jsonc-parser, which reports it', () => {
    const declined = ['', '  ', '01', '1.', '.5', '[1,]', '{"a":1,"a":2}', '"\\x"', '"\t"', 'nul', 'true false', '123abc',
      '\u00a0{}', '{"a": 1} // note', '{"a": /* c */ 1}', "{'a': 1}", '['.repeat(401) + ']'.repeat(401)];
    for (const text of declined) {
      const lines = new LineIndex(text);
      assert.equal(readStrictJson(text, (o, l) => ({ file: 'f', range: { start: lines.positionAt(o), end: lines.positionAt(o + l) } }), 400), undefined, text.slice(0, 40));
      assert.ok(parseJsonLeniently(text, 'f.json').problems.length > 0, text.slice(0, 40));
    }
  });

  it('agrees with jsonc-parser on every JSON file of the repository and the corpus, and on edits of them', function () {
    this.timeout(60000);
    const files = [...jsonFilesUnder(path.join(ROOT, 'test')), ...jsonFilesUnder(path.join(ROOT, 'examples')), ...jsonFilesUnder(CORPUS)];
    assert.ok(files.length > 20);
    const marks = ['{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', '1', '-', '.', 'e', '/'];
    let state = 3;
    const random = (n: number) => { state = (state * 1103515245 + 12345) & 0x7fffffff; return state % n; };
    let read = 0;
    let checked = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const variants = [text, ...Array.from({ length: 10 }, () => {
        const i = random(text.length + 1);
        return random(3) === 0 ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + marks[random(marks.length)] + text.slice(i);
      })];
      for (const variant of variants) {
        checked++;
        if (readBoth(variant)) read++;
      }
    }
    assert.ok(read > checked / 3, `${read} of ${checked} read directly`);
  });
});
