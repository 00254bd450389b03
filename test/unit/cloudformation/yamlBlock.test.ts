import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { largeTemplate } from '../../../bench/generate';
import { composeYaml, readDirectly } from '../../../server/src/engine/cloudformation/yamlConvert';
import { LineIndex } from '../../../server/src/engine/text';
import { plain } from './helpers';

const ROOT = path.join(__dirname, '..', '..', '..');
const CORPUS = '/work/shared/corpus';

function yamlFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : yamlFilesUnder(p);
    return /\.ya?ml$/i.test(e.name) ? [p] : [];
  });
}

/** The direct reading of `text`, checked against yaml's: undefined when the reader declines. */
function readBoth(text: string) {
  const lines = new LineIndex(text);
  const direct = readDirectly(text, 't.yaml', lines);
  if (direct) assert.deepStrictEqual(direct, composeYaml(text, 't.yaml', lines));
  return direct;
}

/** Line edits of the kind typing makes: a line removed, repeated, indented, cut, commented... */
function mutations(text: string, count: number, seed: number): string[] {
  const lines = text.split('\n');
  let state = seed;
  const random = (n: number) => { state = (state * 1103515245 + 12345) & 0x7fffffff; return state % n; };
  return Array.from({ length: count }, () => {
    const copy = [...lines];
    const i = random(copy.length);
    switch (random(9)) {
      case 0: copy.splice(i, 1); break;
      case 1: copy.splice(i, 0, copy[i]); break;
      case 2: copy[i] = ' ' + copy[i]; break;
      case 3: copy[i] = copy[i].slice(1); break;
      case 4: copy.splice(i, 0, ' '.repeat(random(8)) + '# note'); break;
      case 5: copy.splice(i, 0, ''); break;
      case 6: copy[i] = copy[i].slice(0, random(copy[i].length + 1)); break;
      case 7: copy[i] += random(2) ? '  ' : ' # note'; break;
      default: copy[i] = copy[i].replace(': ', ':'); break;
    }
    return copy.join('\n');
  });
}

describe('CloudFormation YAML read directly (block style without yaml)', () => {
  it('reads the templates the generator writes, with the values and ranges yaml gives', () => {
    const text = largeTemplate(400);
    const direct = readBoth(text);
    assert.ok(direct, 'a plain block-style template is read directly');
    assert.ok(direct.nodes > 400);
  });

  it('reads each construct it accepts as yaml does', () => {
    const accepted = [
      'A: 1 # c\nB:\n  C: x  # hi\n  D: [a, !Ref b]  \n\n# end\n',
      'A:\n- x\n- !Ref y\nB: |\n  l1\n   l2\n\nC: end',
      'A:\nB: !GetAZs\nC: !If\n  - a\n  - b\nD: "q"\n',
      'A:\n  C: x\n  # tc\n\nB: 1',
      'A:\n  C: x   \n# tc\nB:   \n  - a # c\n  # cc\nD: 2',
      'A:\n  - C: x\n    D: y\n  - z\nE: [ ]\nF: []  # c\n',
      'A: |-\n  x\n\n\nB: >\n  a\n  b\n\n  c\nC: |+\n  k\n\nD: 1',
      'A:\n  - !If\n    - a\n  - !Sub\n    - x\n    - y: 1\nB: !If [a, b]\nC: !Sub |\n  hi\n',
      "B: 'it''s'\nC: x y  z\nD: -1\nE: 0x1F\nF: .5\nG: 1e3\nH: ~\nI: True\nJ: 1_000\nK: 012\nL: .inf\n",
      'A:\n  B:\n    C: x\n    # tc\nD: 1',
      'A:\n  B:\n    C: x\n  # tc\nD: 1',
      'A:\n  - B: x\n    # tc\n  # t2\nD: 1',
      'Foo:\n  # c\n  Bar: 1\nX:\n# c0\n  - a\nY: !If\n  # c\n  - a\nZ: # zc\n  - b\n',
      'A:\n  B: x\n      # deeper\nC:\n  - y\n      # deeper\n  # same\n    # deeper2\nD: 1',
      "A: !Select [0, !Cidr [!Ref VpcCidr, 4, 8]]\nB: !Select [1, !GetAZs '']\nC: {Key: Name, 'Value': !Ref X}\n1: one\ntrue: yes\n",
      '"Fn::Sub": x\n\'k\': [a, "b c", 3]\n',
    ];
    for (const text of accepted) assert.ok(readBoth(text), JSON.stringify(text));
    // The longest quoted key yaml accepts without a report is read directly.
    assert.ok(readBoth(`"${'k'.repeat(1022)}": 1\n`));
    assert.deepEqual(plain(readBoth(accepted[14])!.parsed.val), {
      A: { 'Fn::Select': [0, { 'Fn::Cidr': [{ Ref: 'VpcCidr' }, 4, 8] }] },
      B: { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] },
      C: { Key: 'Name', Value: { Ref: 'X' } },
      1: 'one',
      true: 'yes',
    });
  });

  it('leaves to yaml what it does not model, and every document yaml reports a problem in', () => {
    const declined = [
      'a: &x 1\nb: *x\n', // anchors and aliases
      'a: [1,\n  2]\n', // a flow collection over lines
      'a:\tb\n', // tabs
      'a: b\r\nc: d\r\n', // CRLF
      'a: 1\na: 2\n', // a duplicate key (yaml reports it)
      'a: multi\n  line\n', // a multi-line plain scalar
      '---\na: 1\n', // document markers
      '%YAML 1.2\n---\na: 1\n',
      'a: "x\\ty"\n', // escapes
      'a: # c\nb: 1\n', // an empty value with a comment
      'a: |\n  x', // a block scalar ending the text
      'a: b: c\n', // a mapping in a compact value
      'a:\n  b: 1\n c: 2\n', // bad indentation
      'a: !Unknown x\n', // a tag that is not a short form
      '- - a\n', // a compact nested sequence
      'a: >\n  x\n    more\n', // a more-indented folded line
      'just a scalar\n',
      // Flow keys that do not start as a plain value: yaml reads an explicit or tagged key, or
      // reports the indicator (an adversarial review found these read as keys `? b`, `!Ref b`...).
      ...['? b', '!Ref b', '#b', '- b', '&b', '*b', '!b', '%b', '@b', '`b', '|b', '>b'].map((k) => `a: {${k}: 1}\n`),
      'a: {x: 1, ? b: 2}\n',
      `"${'k'.repeat(1023)}": 1\n`, // a quoted key past yaml's 1,024 characters (it reports it)
      `'${'k'.repeat(1023)}': 1\n`,
    ];
    for (const text of declined) assert.equal(readDirectly(text, 't.yaml', new LineIndex(text)), undefined, JSON.stringify(text));
    // Declined documents still read: through yaml, with its problem reports.
    const dup = composeYaml(declined[4], 't.yaml', new LineIndex(declined[4]));
    assert.match(dup.parsed.problems[0].message, /unique/);
  });

  it('reads a piece of a template (a resource re-read on its own) at its place in the file', () => {
    const text = 'Resources:\n  A:\n    Type: X\n  B:\n    Type: Y\n    Properties: {P: [1, !Ref A]}\n';
    const at = text.indexOf('  B:');
    const piece = { toFile: (o: number) => o + at, depth: 1 };
    const lines = new LineIndex(text);
    const direct = readDirectly(text.slice(at), 't.yaml', lines, piece);
    assert.ok(direct);
    assert.deepStrictEqual(direct, composeYaml(text.slice(at), 't.yaml', lines, piece));
  });

  it('agrees with yaml on every YAML file of the repository and the corpus, and on edits of them', function () {
    this.timeout(60000);
    const files = [...yamlFilesUnder(path.join(ROOT, 'test')), ...yamlFilesUnder(path.join(ROOT, 'examples')), ...yamlFilesUnder(CORPUS)];
    assert.ok(files.length > 50);
    let read = 0;
    let checked = 0;
    files.forEach((file, i) => {
      const text = fs.readFileSync(file, 'utf8');
      for (const variant of [text, ...mutations(text, 12, i + 1)]) {
        checked++;
        if (readBoth(variant)) read++;
      }
    });
    // Most of them are read directly: a reader that declined everything would pass the rest.
    assert.ok(read > checked / 2, `${read} of ${checked} read directly`);
  });
});
