import { strict as assert } from 'assert';
import { parseYamlToVal } from '../../../server/src/engine/cloudformation/yaml';
import type { ObjVal, StrVal } from '../../../server/src/engine/model';
import { entry, plain, rangeOf } from './helpers';

describe('CloudFormation YAML to values', () => {
  it('turns short-form tags into the long form, on scalars, sequences and mappings', () => {
    const text = [
      'A: !Ref Vpc',
      'B: !Sub "com.amazonaws.${AWS::Region}.s3"',
      'C: !Join',
      '  - ""',
      '  - [a, !Ref B]',
      'D: !GetAtt Vpc.CidrBlock',
      'E: !Sub',
      '  - x${V}',
      '  - V: !ImportValue Shared',
      'F: !If [Cond, !GetAZs "", !Select [0, !Split [",", "a,b"]]]',
      'G: !Base64 {k: v}',
      'H: !Condition IsProd',
    ].join('\n');
    const { val, problems } = parseYamlToVal(text, 't.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(plain(val), {
      A: { Ref: 'Vpc' },
      B: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.s3' },
      C: { 'Fn::Join': ['', ['a', { Ref: 'B' }]] },
      D: { 'Fn::GetAtt': 'Vpc.CidrBlock' },
      E: { 'Fn::Sub': ['x${V}', { V: { 'Fn::ImportValue': 'Shared' } }] },
      F: { 'Fn::If': ['Cond', { 'Fn::GetAZs': '' }, { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] }] },
      G: { 'Fn::Base64': { k: 'v' } },
      H: { Condition: 'IsProd' },
    });
  });

  it('locates a tagged value from its tag to its end, and the function name at the tag', () => {
    const text = 'A: !Ref  Vpc\nC: !Join\n  - ""\n  - [a, b]\n';
    const { val } = parseYamlToVal(text, 't.yaml');
    const a = entry(val, 'A') as ObjVal;
    assert.deepEqual(a.loc.range, rangeOf(text, '!Ref  Vpc'));
    assert.deepEqual(a.entries[0].keyLoc.range, rangeOf(text, '!Ref'));
    const c = entry(val, 'C') as ObjVal;
    assert.deepEqual(c.loc.range, { start: { line: 1, character: 3 }, end: { line: 3, character: 10 } });
  });

  it('gives literal parts the scalar content: plain, quoted without quotes, block', () => {
    const text = "P: plain text\nS: 'single'\nD: \"dou\\tble\"\nB: |\n  line1\n  line2\nK: {kx: 'in flow'}\n";
    const { val } = parseYamlToVal(text, 't.yaml');
    const part = (key: string) => (entry(val, key) as StrVal).parts[0];
    assert.deepEqual(part('P').loc.range, rangeOf(text, 'plain text'));
    assert.deepEqual(part('S').loc.range, rangeOf(text, 'single'));
    assert.deepEqual((entry(val, 'S') as StrVal).loc.range, rangeOf(text, "'single'"));
    assert.equal(part('D').text, 'dou\tble');
    assert.deepEqual(part('D').loc.range, rangeOf(text, 'dou\\tble'));
    assert.equal(part('B').text, 'line1\nline2\n');
    assert.deepEqual(part('B').loc.range, { start: { line: 4, character: 0 }, end: { line: 5, character: 7 } });
    const k = entry(val, 'K') as ObjVal;
    assert.deepEqual(k.entries[0].keyLoc.range, rangeOf(text, 'kx'));
    assert.deepEqual((k.entries[0].value as StrVal).parts[0].loc.range, rangeOf(text, 'in flow'));
  });

  it('reads numbers, booleans, null and aliases', () => {
    const text = 'N: 443\nB: true\nZ: null\nE:\nA: &x [1, 2]\nR: *x\n';
    const { val } = parseYamlToVal(text, 't.yaml');
    assert.deepEqual(plain(val), { N: 443, B: true, Z: { unknown: 'null' }, E: { unknown: 'null' }, A: [1, 2], R: [1, 2] });
  });

  it('reports bad indentation with its range and still reads the rest', () => {
    const text = 'Resources:\n  A:\n    Type: AWS::EC2::VPC\n   Bad: 1\nOutputs: {}\n';
    const { val, problems } = parseYamlToVal(text, 't.yaml');
    assert.ok(problems.length > 0);
    assert.equal(problems[0].loc.range.start.line, 3);
    assert.match(problems[0].message, /^YAML: /);
    assert.ok((val as ObjVal).entries.some(e => e.key === 'Resources'));
  });

  it('reports an unclosed flow mapping and keeps the keys before it', () => {
    const text = 'A: 1\nB: {x: 1, y: [2\nC: 3\n';
    const { val, problems } = parseYamlToVal(text, 't.yaml');
    assert.ok(problems.some(p => /end with a \}/.test(p.message) && p.loc.range.start.line === 2), JSON.stringify(problems));
    assert.deepEqual(plain(entry(val, 'A')), 1);
    assert.deepEqual(plain(entry(val, 'B')), { x: 1, y: [2] });
  });

  it('reports duplicate keys; the last one wins', () => {
    const text = 'A: 1\nA: 2\n';
    const { val, problems } = parseYamlToVal(text, 't.yaml');
    assert.deepEqual(plain(val), { A: 2 });
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0].loc.range.start, { line: 1, character: 0 });
  });

  it('stops expanding an alias bomb quickly, with a problem', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const started = Date.now();
    const { problems } = parseYamlToVal(levels.join('\n'), 'bomb.yaml');
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`);
    assert.ok(problems.some(p => /too many aliases/.test(p.message)));
  });

  it('does not loop on an alias inside its own anchor', () => {
    const { val } = parseYamlToVal('a: &x [1, *x]\n', 't.yaml');
    assert.equal((entry(val, 'a') as { items: { t: string }[] }).items[1].t, 'unknown');
  });

  it('returns no value for an empty file', () => {
    const { val, problems } = parseYamlToVal('', 't.yaml');
    assert.equal(val, undefined);
    assert.deepEqual(problems, []);
  });
});

describe('CloudFormation YAML hostile input', () => {
  it('survives absurd nesting with a bounded number of problems', () => {
    const { problems } = parseYamlToVal(`a: ${'['.repeat(50000)}`, 'deep.yaml');
    assert.ok(problems.length > 0 && problems.length <= 101, `${problems.length} problems`);
  });
});
