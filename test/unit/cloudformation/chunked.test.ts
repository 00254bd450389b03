// Reading an edited YAML template by resource gives exactly the tree, locations and problems of
// parsing the whole text, after every edit; and it only reads by resource when that is certain.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parseYamlToVal } from '../../../server/src/engine/cloudformation/yaml';
import { chunksOf, parseByResource, splitByResource, type ChunkCache } from '../../../server/src/engine/cloudformation/yamlChunks';
import { convertYaml } from '../../../server/src/engine/cloudformation/yamlConvert';
import { LineIndex } from '../../../server/src/engine/text';
import { largeTemplate } from '../../../bench/generate';
import { plain } from './helpers';

const CORPUS = '/work/shared/corpus';

function yamlUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? yamlUnder(p) : /\.ya?ml$/i.test(e.name) ? [p] : [];
  });
}

const whole = (text: string, file: string) => convertYaml(text, file, new LineIndex(text)).parsed;

/** Reads `text` by resource with the chunks of the previous version; asserts the result equals
 *  the whole parse when it is given. Returns the new cache and whether chunks were used. */
function check(text: string, file: string, cache: ChunkCache | undefined) {
  const result = parseByResource(text, file, new LineIndex(text), cache);
  if (result?.parsed) assert.deepStrictEqual(result.parsed, whole(text, file), `chunked parse differs for:\n${text}`);
  return { cache: result?.cache, chunked: result?.parsed !== undefined };
}

// Pieces of real templates' syntax that a chunk boundary could cut wrongly.
const RESOURCES = [
  (n: string) => `  ${n}:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: !Ref Vpc\n      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3\n      RouteTableIds: [!Ref A, !Ref B]\n`,
  (n: string) => `  ${n}:\n    Type: AWS::EC2::Instance\n    Properties:\n      UserData: !Base64 |\n        #!/bin/bash\n        echo hi && echo *\n\n`,
  (n: string) => `  ${n}:\n    Type: AWS::S3::Bucket # trailing comment\n    # inner comment\n  # between, at the keys' indent\n# at column 0\n\n`,
  (n: string) => `  "${n}":\n    Type: 'AWS::EC2::Subnet'\n    Properties: {VpcId: !Ref Vpc, CidrBlock: "10.0.0.0/24"}\n`,
  (n: string) => `  ${n}:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: ['s3:*']\n            Resource: "*"\n      Keep: |+\n        kept\n\n`,
  (n: string) => `  ${n}:\n    Type: AWS::SSM::Parameter\n    Properties:\n      Value: >-\n        folded\n        text\n      Multi: plain scalar\n        continued\n      Empty:\n`,
  (n: string) => `  ${n}:\n    Type: AWS::EC2::Route\n    Properties:\n      RouteTableId:\n        Fn::If:\n          - IsProd\n          - !Ref Prod\n          - !Ref AWS::NoValue\n`,
];

const HEADS = [
  'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Env:\n    Type: String\n    Default: prod\nResources:\n',
  '---\n# leading comment\nDescription: >\n  A template\nResources: # the resources\n\n  # before the first one\n',
];
const TAILS = ['', 'Outputs:\n  Id:\n    Value: !Ref R0\n', '# closing comment\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n'];

const template = fc.record({
  head: fc.constantFrom(...HEADS),
  body: fc.array(fc.nat(RESOURCES.length - 1), { minLength: 2, maxLength: 8 }),
  tail: fc.constantFrom(...TAILS),
  crlf: fc.boolean(),
}).map(({ head, body, tail, crlf }) => {
  const text = head + body.map((k, i) => RESOURCES[k](`R${i}`)).join('') + tail;
  return crlf ? text.replace(/\n/g, '\r\n') : text;
});

/** One keystroke-sized edit at a position given as a fraction of the text. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  op: fc.oneof(
    fc.constantFrom(' ', '\n', 'x', '#', ':', '-', '"', "'", '&a ', '*a', '\t', '{', ']', '|', '  ', '\n  Extra: 1', '\n  R0:\n    Type: X'),
    fc.integer({ min: 1, max: 12 }), // delete that many characters
  ),
});

function apply(text: string, e: { at: number; op: string | number }): string {
  const i = Math.floor(e.at * text.length);
  return typeof e.op === 'string' ? text.slice(0, i) + e.op + text.slice(i) : text.slice(0, i) + text.slice(i + e.op);
}

describe('CloudFormation YAML read by resource', () => {
  it('matches the whole-document parse after every edit of generated templates', () => {
    let chunked = 0;
    let total = 0;
    fc.assert(fc.property(template, fc.array(edit, { minLength: 1, maxLength: 12 }), (text, edits) => {
      let state = check(text, 't.yaml', undefined);
      assert.ok(state.chunked, `a clean template is read by resource:\n${text}`);
      for (const e of edits) {
        text = apply(text, e);
        state = check(text, 't.yaml', state.cache);
        total++;
        if (state.chunked) chunked++;
      }
    }), { numRuns: 300 });
    // Many edits break the template (a tab, an open quote) for the edits after them too; the rest
    // must be read by resource, or the comparison above proves nothing.
    assert.ok(chunked > total / 5, `read by resource ${chunked} of ${total} times`);
  });

  it('matches the whole-document parse after every edit of the corpus templates', function () {
    const files = [...yamlUnder(path.join(CORPUS, 'cloudformation')), ...yamlUnder(path.join(CORPUS, 'scanner-fixtures'))];
    if (!files.length) this.skip();
    let chunked = 0;
    for (const file of files) {
      const original = fs.readFileSync(file, 'utf8');
      fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), edits => {
        let text = original;
        let state = check(text, file, undefined);
        for (const e of edits) {
          text = apply(text, e);
          state = check(text, file, state.cache);
          if (state.chunked) chunked++;
        }
      }), { numRuns: 25 });
    }
    assert.ok(chunked > 0);
  });

  it('returns through parseYamlToVal the whole-document result for every edit, chunked or not', function () {
    this.timeout(120000);
    const file = '/edits/template.yaml';
    let text = largeTemplate(700);
    assert.ok(text.length > 16 * 1024, 'large enough to be read by resource');
    parseYamlToVal(text, file);
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 5 }), edits => {
      for (const e of edits) {
        text = apply(text, e);
        assert.deepStrictEqual(parseYamlToVal(text, file), whole(text, file));
      }
    }), { numRuns: 20 });
  });

  it('moves the reused resources when lines are added above them', () => {
    const text = HEADS[0] + RESOURCES[0]('A') + RESOURCES[1]('B') + RESOURCES[0]('C');
    const first = parseByResource(text, 't.yaml', new LineIndex(text));
    const edited = text.replace('Parameters:', 'Parameters:\n  # one\n  # two');
    const second = parseByResource(edited, 't.yaml', new LineIndex(edited), first?.cache);
    assert.ok(second?.parsed);
    const keyLine = (name: string) => {
      const resources = (second.parsed!.val as { entries: { key: string; value: { entries: { key: string; keyLoc: { range: { start: { line: number } } } }[] } }[] })
        .entries.find(e => e.key === 'Resources')!.value;
      return resources.entries.find(e => e.key === name)!.keyLoc.range.start.line;
    };
    assert.equal(keyLine('A'), edited.split('\n').indexOf('  A:'));
    assert.equal(keyLine('B'), edited.split('\n').indexOf('  B:'));
    assert.deepStrictEqual(second.parsed, whole(edited, 't.yaml'));
  });

  it('splits a block Resources mapping at its keys, comments staying with the resource above', () => {
    const text = 'A: 1\nResources:\n  # first\n  X:\n    Type: a\n  # about Y\n  Y:\n    Type: b\nOutputs: {}\n';
    const split = splitByResource(text);
    assert.deepEqual(split, { starts: [text.indexOf('  X:'), text.indexOf('  Y:')], indent: 2, resourcesKey: text.indexOf('Resources') });
  });

  it('does not split where the parts could read differently from the whole', () => {
    const body = '  X:\n    Type: a\n  Y:\n    Type: b\n';
    for (const text of [
      'Resources: {X: {Type: a}, Y: {Type: b}}\n', // flow style
      'Resources:\n' + body.replace('    Type: a', '\tType: a'), // tab
      '%YAML 1.2\n---\nResources:\n' + body, // directive
      'Resources:\n' + body + '---\nResources:\n' + body, // a second document
      'Resources:\n  X:\n    Type: a\n Y:\n    Type: b\n', // a key indented less than the first
      'Resources:\n  - X\n  - Y\n', // a sequence
      'Resources:\n  X:\n    Type: a\n', // one resource: nothing to reuse
      '"Resources":\n' + body, // a key written otherwise
      'Resources:\n' + body.replace(/^ {2}/gm, ' '.repeat(65)), // keys indented past 64 spaces
    ]) assert.equal(splitByResource(text), undefined, text);
  });

  it('splits by the lines indented as the keys, past blank lines, comments and CRLF line ends', () => {
    const text = 'Resources:\n   \n  # about X\n  X:\n    Type: a\n\n    # deep\n  Y:\r\n    Type: b\n# top\n  Z:\n    Type: c\nOutputs: {}\n';
    const split = splitByResource(text);
    assert.deepEqual(split && { ...split, starts: split.starts.map((s) => text.slice(s, text.indexOf('\n', s))) },
      { starts: ['  X:', '  Y:\r', '  Z:'], indent: 2, resourcesKey: 0 });
  });

  it('parses the whole text when a part has an anchor, an alias, a problem or a duplicate key', () => {
    const head = 'Resources:\n';
    for (const text of [
      head + '  X: &tags\n    Type: a\n  Y:\n    Type: b\n    Tags: *tags\n',
      head + '  X:\n    Type: a\n  Y:\n    Type: b\n  X:\n    Type: c\n',
      head + '  X:\n    Type: "a\n  Y:\n    Type: b"\n',
      head + '  X:\n    Type: [a,\n  Y: b]\n',
    ]) {
      const result = parseByResource(text, 't.yaml', new LineIndex(text));
      assert.ok(result, text);
      assert.equal(result.parsed, undefined, text);
    }
    const duplicate = head + '  X:\n    Type: a\n  Y:\n    Type: b\n  X:\n    Type: c\n';
    const { problems, val } = parseYamlToVal(duplicate, 'dup.yaml');
    assert.match(problems[0].message, /Map keys must be unique/);
    assert.deepEqual(plain(val), { Resources: { Y: { Type: 'b' }, X: { Type: 'c' } } });
  });

  it('reparses only the resource that changed, also on the first edit after a whole parse', () => {
    const text = largeTemplate(800);
    const lines = new LineIndex(text);
    const at = text.indexOf('\n', text.indexOf('PrivateDnsEnabled', text.length / 2));
    const edited = text.slice(0, at) + ' ' + text.slice(at);
    const seeded = chunksOf(text, lines, whole(text, 'big.yaml').val)!;
    for (const first of [parseByResource(text, 'big.yaml', lines)!.cache, seeded]) {
      assert.equal(first.chunks.size, splitByResource(text)!.starts.length - 1);
      const second = parseByResource(edited, 'big.yaml', new LineIndex(edited), first)!;
      const reused = [...second.cache.chunks].filter(([chunk, c]) => first.chunks.get(chunk) === c).length;
      assert.equal(reused, second.cache.chunks.size - 1);
      assert.deepStrictEqual(second.parsed, whole(edited, 'big.yaml'));
    }
  });
});
