import { strict as assert } from 'assert';
import fc from 'fast-check';
import { TerraformCache } from '../../../server/src/engine/terraform';
import type { Scope } from '../../../server/src/engine/model';
import { range, ready, scopeOf } from './helpers';

/** Everything a rule can see, without object identity. */
function snapshot(s: Scope): string {
  return JSON.stringify({ resources: s.resources, policies: s.policies, problems: s.files.map((f) => f.problems) });
}

describe('terraform syntax and recovery', () => {
  before(ready);

  it('reports an unclosed block and still extracts the blocks after it', () => {
    const s = scopeOf({
      'main.tf': 'resource "aws_vpc" "a" {\n  cidr_block = "10.0.0.0/16"\n\nresource "aws_subnet" "b" {\n  vpc_id = aws_vpc.a.id\n}\n',
    });
    assert.deepEqual(s.resources.map((r) => r.key), ['aws_vpc.a', 'aws_subnet.b']);
    assert.deepEqual(s.files[0].problems.map((p) => [p.message, p.loc.range]), [
      ['Missing `}` to close this `resource` block', range(0, 0, 0, 24)],
    ]);
  });

  it('recovers the blocks after a stray closing brace', () => {
    const s = scopeOf({
      'main.tf': 'resource "aws_vpc" "a" {\n}\n}\nresource "aws_vpc" "c" {\n  cidr_block = "10.1.0.0/16"\n}\n',
    });
    assert.deepEqual(s.resources.map((r) => r.key), ['aws_vpc.a', 'aws_vpc.c']);
    const [p] = s.files[0].problems;
    assert.equal(p.message, 'Syntax error: unexpected `}`');
    assert.deepEqual(p.loc.range, range(2, 0, 2, 1));
  });

  it('reports an error inside a list, an object or a conditional, which lowering steps over', () => {
    const problems = (text: string) => scopeOf({ 'main.tf': text }).files[0].problems.map((p) => [p.message, p.loc.range]);
    assert.deepEqual(problems('locals {\n  x = [a "b"]\n}\n'), [['Syntax error: unexpected `a`', range(1, 7, 1, 8)]]);
    assert.deepEqual(problems('locals {\n  x = {a = 1 b}\n}\n'), [['Syntax error: unexpected `b`', range(1, 13, 1, 14)]]);
    assert.deepEqual(problems('locals {\n  x = true ? 1\n}\n'), [['Syntax error: unexpected `?`', range(1, 11, 1, 12)]]);
    assert.deepEqual(problems('resource "aws_vpc_endpoint" "e" {\n  security_group_ids = [aws_sg" "h\n}\n'), [
      ['Syntax error: unexpected `aws_sg`', range(1, 24, 1, 30)],
      ['Missing `]`', range(2, 0, 2, 0)],
    ]);
    // Also inside a block that an unclosed one before it swallowed.
    assert.deepEqual(problems('resource "aws_vpc" "a" {\n\nresource "aws_vpc" "b" {\n  x = [a "b"]\n}\n'), [
      ['Missing `}` to close this `resource` block', range(0, 0, 0, 24)],
      ['Syntax error: unexpected `a`', range(3, 7, 3, 8)],
    ]);
  });

  it('keeps the rest of a block when one attribute is half typed', () => {
    const s = scopeOf({ 'main.tf': 'resource "aws_vpc" "a" {\n  enable_dns_support =\n  cidr_block = "10.0.0.0/16"\n}\nresource "aws_vpc" "b" {}\n' });
    assert.ok(s.byKey.has('aws_vpc.b'));
    assert.ok(s.files[0].problems.length >= 1);
    assert.ok(s.files[0].problems.every((p) => /^(Syntax error|Missing)/.test(p.message)));
  });

  it('survives binary bytes, empty files and oversized files', () => {
    const binary = scopeOf({ 'bin.tf': '\u0000\u0001\u00ff\ufffd{{{"\u0000', 'ok.tf': 'resource "aws_vpc" "ok" {}\n' });
    assert.ok(binary.files[0].problems.length > 0);
    assert.ok(binary.byKey.has('aws_vpc.ok'));
    const empty = scopeOf({ 'empty.tf': '' });
    assert.deepEqual(empty.resources, []);
    assert.deepEqual(empty.files[0].problems, []);
    const huge = scopeOf({ 'huge.tf': `# ${'x'.repeat(2 * 1024 * 1024)}\nresource "aws_vpc" "h" {}\n` });
    assert.deepEqual(huge.resources, []);
    assert.deepEqual(huge.files[0].problems.map((p) => p.message), ['File is larger than 2 MB: not analysed.']);
  });

  it('gives the same scope after incremental reparses as after a fresh parse', () => {
    const base = [
      'provider "aws" { region = "eu-west-1" }',
      ...Array.from({ length: 40 }, (_, i) => `resource "aws_subnet" "s${i}" {\n  vpc_id = aws_vpc.v.id\n  cidr_block = "10.0.${i}.0/24"\n}`),
      'resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }',
    ].join('\n');
    const edits = [
      (t: string) => t.replace('"10.0.7.0/24"', '"10.0.77.0/24"'),
      (t: string) => `# header\n\n${t}`,
      (t: string) => t.replace('resource "aws_subnet" "s3" {', 'resource "aws_subnet" "s3" {\n  availability_zone = "eu-west-1a"'),
      (t: string) => t.replace('}\nresource "aws_subnet" "s9"', '\nresource "aws_subnet" "s9"'),
      (t: string) => t.replace('\nresource "aws_subnet" "s9"', '}\nresource "aws_subnet" "s9"'),
    ];
    const cache = new TerraformCache();
    let text = base;
    scopeOf({ 'main.tf': text }, cache);
    for (const edit of edits) {
      text = edit(text);
      const incremental = scopeOf({ 'main.tf': text }, cache);
      const fresh = scopeOf({ 'main.tf': text });
      assert.equal(snapshot(incremental), snapshot(fresh));
    }
    const last = scopeOf({ 'main.tf': text }, cache);
    assert.equal(last.resources.find((r) => r.key === 'aws_subnet.s7')?.props.cidr?.loc.range.start.line, 34);
    cache.clear();
  });

  it('gives the same scope as a fresh parse after every keystroke of random typing', () => {
    // Keystrokes inside one block are read by reparsing that block alone, blank edits between
    // blocks by none: typed quotes, braces, comments and newlines must fall back exactly when the
    // rest of the file could read differently.
    const base = [
      'provider "aws" { region = "eu-west-1" }',
      ...Array.from({ length: 6 }, (_, i) => `resource "aws_vpc_endpoint" "e${i}" {\n  vpc_id = aws_vpc.v.id\n  service_name = "com.amazonaws.eu-west-1.s${i}"\n  policy = <<EOF\n{"a": ${i}}\nEOF\n}\n`),
      'resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }\n# end',
    ].join('\n');
    const keystroke = fc.record({ at: fc.nat(), insert: fc.boolean(), char: fc.constantFrom('"', '{', '}', ' ', '\n', 'a', '#', '=', '\\', '$', '<') });
    fc.assert(fc.property(fc.array(keystroke, { minLength: 1, maxLength: 30 }), (keys) => {
      const cache = new TerraformCache();
      let text = base;
      scopeOf({ 'main.tf': text }, cache);
      for (const k of keys) {
        const at = k.at % (text.length + 1);
        text = k.insert ? text.slice(0, at) + k.char + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
        assert.equal(snapshot(scopeOf({ 'main.tf': text }, cache)), snapshot(scopeOf({ 'main.tf': text })), JSON.stringify(text));
      }
      cache.clear();
    }), { seed: 20261204, numRuns: 150 });
  });

  it('reuses the lowering of unchanged blocks', () => {
    const body = Array.from({ length: 800 }, (_, i) => `resource "aws_subnet" "s${i}" {\n  cidr_block = "10.${i % 250}.0.0/24"\n  tags = { Name = "s${i}" }\n}`).join('\n');
    const cache = new TerraformCache();
    scopeOf({ 'main.tf': body }, cache);
    const t0 = process.hrtime.bigint();
    scopeOf({ 'main.tf': body.replace('"s400"', '"s400x"') }, cache);
    const incrementalMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const t1 = process.hrtime.bigint();
    scopeOf({ 'main.tf': body.replace('"s400"', '"s400y"') });
    const freshMs = Number(process.hrtime.bigint() - t1) / 1e6;
    assert.ok(incrementalMs < freshMs, `incremental ${incrementalMs.toFixed(1)} ms vs fresh ${freshMs.toFixed(1)} ms`);
    cache.clear();
  });
});
