import { strict as assert } from 'assert';
import { DIR, plain, range, ready, res, scopeOf } from './helpers';

describe('terraform values', () => {
  before(ready);

  it('keeps a literal string as one part whose range is the content without quotes', () => {
    const s = scopeOf({ 'main.tf': 'resource "aws_vpc_endpoint" "s3" {\n  service_name = "com.amazonaws.eu-west-1.s3"\n}\n' });
    const ep = res(s, 'aws_vpc_endpoint.s3');
    const v = ep.props.service_name!;
    assert.equal(v.t, 'str');
    if (v.t !== 'str') return;
    assert.equal(v.v, 'com.amazonaws.eu-west-1.s3');
    assert.deepEqual(v.loc.range, range(1, 17, 1, 45));
    assert.equal(v.parts.length, 1);
    assert.deepEqual(v.parts[0].loc, { file: `${DIR}/main.tf`, range: range(1, 18, 1, 44) });
    assert.equal(v.parts[0].text, 'com.amazonaws.eu-west-1.s3');
    assert.deepEqual(ep.propKeyLocs.service_name?.range, range(1, 2, 1, 14));
    assert.deepEqual(ep.nameLoc.range, range(0, 29, 0, 31));
    assert.deepEqual(ep.loc.range, range(0, 0, 2, 1));
  });

  it('splits templates into literal chunks and interpolations, resolved only when all parts are', () => {
    const s = scopeOf({
      'main.tf': [
        'variable "svc" { default = "ssm" }',
        'resource "aws_vpc_endpoint" "a" {',
        '  service_name = "com.amazonaws.${var.region}.${var.svc}"',
        '}',
      ].join('\n'),
    });
    const v = res(s, 'aws_vpc_endpoint.a').props.service_name!;
    assert.equal(v.t, 'str');
    if (v.t !== 'str') return;
    assert.equal(v.v, undefined, 'var.region is not declared, so the whole string is unknown');
    assert.deepEqual(v.parts.map((p) => [p.text, p.expr, p.value]), [
      ['com.amazonaws.', undefined, 'com.amazonaws.'],
      [undefined, 'var.region', undefined],
      ['.', undefined, '.'],
      [undefined, 'var.svc', 'ssm'],
    ]);
    assert.deepEqual(v.parts[1].loc.range, range(2, 32, 2, 45), 'interpolation range covers ${...}');
    assert.deepEqual(v.parts[3].loc.range, range(2, 46, 2, 56));
  });

  it('resolves escapes in literal text', () => {
    const s = scopeOf({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "a\\"b$${x}"\n}\n' });
    assert.equal(plain(res(s, 'aws_s3_bucket.b').props.name), 'a"b${x}');
    // Unicode escapes; a code point past the last stays as written.
    const unicode = scopeOf({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "\\u0041\\U0001F600 \\UFFFFFFFF"\n}\n' });
    assert.equal(plain(res(unicode, 'aws_s3_bucket.b').props.name), 'A\u{1F600} \\UFFFFFFFF');
    // `\u` without its digits is a syntax error, not a failed lint.
    const broken = scopeOf({ 'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "\\uom"\n}\n' });
    assert.ok(broken.files[0].problems.length > 0);
  });

  it('takes a variable default, overridden by terraform.tfvars, overridden by *.auto.tfvars in lexical order', () => {
    const main = 'variable "cidr" { default = "10.0.0.0/16" }\nresource "aws_vpc" "v" { cidr_block = var.cidr }\n';
    const onlyDefault = scopeOf({ 'main.tf': main });
    const cidr = res(onlyDefault, 'aws_vpc.v').props.cidr!;
    assert.equal(plain(cidr), '10.0.0.0/16');
    assert.deepEqual(cidr.loc.range, range(1, 38, 1, 46), 'loc is the reference');
    assert.deepEqual((cidr as { origin?: unknown }).origin, { file: `${DIR}/main.tf`, range: range(0, 28, 0, 41) });

    const withTfvars = scopeOf({ 'main.tf': main, 'terraform.tfvars': 'cidr = "10.1.0.0/16"\n' });
    const c2 = res(withTfvars, 'aws_vpc.v').props.cidr!;
    assert.equal(plain(c2), '10.1.0.0/16');
    assert.deepEqual((c2 as { origin?: unknown }).origin, { file: `${DIR}/terraform.tfvars`, range: range(0, 7, 0, 20) });

    const withAuto = scopeOf({
      'main.tf': main, 'terraform.tfvars': 'cidr = "10.1.0.0/16"\n',
      'b.auto.tfvars': 'cidr = "10.3.0.0/16"\n', 'a.auto.tfvars': 'cidr = "10.2.0.0/16"\n',
    });
    const c3 = res(withAuto, 'aws_vpc.v').props.cidr!;
    assert.equal(plain(c3), '10.3.0.0/16', 'b.auto.tfvars is loaded last');
    assert.equal((c3 as { origin?: { file: string } }).origin?.file, `${DIR}/b.auto.tfvars`);

    // prod.tfvars is loaded only with -var-file, which would override all of the above.
    const withVarFile = scopeOf({ 'main.tf': main, 'terraform.tfvars': 'cidr = "10.1.0.0/16"\n', 'prod.tfvars': 'cidr = "10.9.0.0/16"\n' });
    assert.equal(plain(res(withVarFile, 'aws_vpc.v').props.cidr), '<unknown: variable `cidr` is set by `prod.tfvars`, loaded only with -var-file>');

    const json = scopeOf({ 'main.tf': main, 'terraform.tfvars.json': '{ "cidr": "10.4.0.0/16" }' });
    assert.equal(plain(res(json, 'aws_vpc.v').props.cidr), '10.4.0.0/16');
  });

  it('leaves a variable without default or value unknown', () => {
    const s = scopeOf({ 'main.tf': 'variable "cidr" {}\nresource "aws_vpc" "v" { cidr_block = var.cidr }\n' });
    assert.equal(plain(res(s, 'aws_vpc.v').props.cidr), '<unknown: variable `cidr` has no default>');
  });

  it('resolves locals across files and leaves a cycle unknown', () => {
    const s = scopeOf({
      'locals.tf': 'locals {\n  name = "${local.prefix}-vpc"\n  a = local.b\n  b = local.a\n}\n',
      'more.tf': 'locals { prefix = "core" }\n',
      'main.tf': 'resource "aws_s3_bucket" "x" { bucket = local.name }\nresource "aws_s3_bucket" "y" { bucket = local.a }\n',
    });
    assert.equal(plain(res(s, 'aws_s3_bucket.x').props.name), 'core-vpc');
    assert.equal(plain(res(s, 'aws_s3_bucket.y').props.name), '<unknown: local `a` refers to itself>');
  });

  it('evaluates the functions modules use', () => {
    const s = scopeOf({
      'main.tf': [
        'locals {',
        '  m = merge({ a = "1" }, { b = "2" })',
        '}',
        'resource "aws_s3_bucket" "f" { bucket = format("%s-%d", "x", 3) }',
        'resource "aws_s3_bucket" "j" { bucket = join("-", concat(["a"], ["b", "c"])) }',
        'resource "aws_s3_bucket" "l" { bucket = lookup(local.m, "b", "none") }',
        'resource "aws_s3_bucket" "e" { bucket = element(tolist(toset(["p", "q", "p"])), 3) }',
        'resource "aws_subnet" "c" { cidr_block = cidrsubnet("10.0.0.0/16", 4, 15) }',
        'resource "aws_s3_bucket" "u" { bucket = upper(file("x.txt")) }',
        'resource "aws_s3_bucket" "c" { bucket = true ? "yes" : "no" }',
      ].join('\n'),
    });
    assert.equal(plain(res(s, 'aws_s3_bucket.f').props.name), 'x-3');
    assert.equal(plain(res(s, 'aws_s3_bucket.j').props.name), 'a-b-c');
    assert.equal(plain(res(s, 'aws_s3_bucket.l').props.name), '2');
    assert.equal(plain(res(s, 'aws_s3_bucket.e').props.name), 'q');
    assert.equal(plain(res(s, 'aws_subnet.c').props.cidr), '10.0.240.0/20');
    assert.equal(plain(res(s, 'aws_s3_bucket.u').props.name), '<unknown: `x.txt` is not read (no file access)>');
    assert.equal(plain(res(s, 'aws_s3_bucket.c').props.name), 'yes');
  });

  it('turns references into refs and unknowns with reasons', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_vpc" "main" {}',
        'resource "aws_subnet" "a" {',
        '  vpc_id = aws_vpc.main.id',
        '}',
        'resource "aws_subnet" "b" { vpc_id = module.vpc.vpc_id }',
        'resource "aws_subnet" "c" { vpc_id = data.aws_vpc.shared.id }',
        'data "aws_vpc" "shared" {}',
      ].join('\n'),
    });
    const vpc = res(s, 'aws_subnet.a').props.vpc!;
    assert.deepEqual(vpc, { t: 'ref', target: 'aws_vpc.main', attr: 'id', loc: { file: `${DIR}/main.tf`, range: range(2, 11, 2, 26) } });
    assert.equal(plain(res(s, 'aws_subnet.b').props.vpc), '<unknown: module output `module.vpc`>');
    assert.equal(plain(res(s, 'aws_subnet.c').props.vpc), '<unknown: data source `data.aws_vpc.shared.id`>');
  });

  it('applies Terraform defaults and marks them', () => {
    const s = scopeOf({ 'main.tf': 'resource "aws_vpc" "v" {\n  enable_dns_hostnames = true\n}\nresource "aws_vpc_endpoint" "e" {}\n' });
    const v = res(s, 'aws_vpc.v');
    assert.equal(plain(v.props.dns_support), true);
    assert.equal(plain(v.props.dns_hostnames), true);
    assert.deepEqual(v.defaulted, ['dns_support']);
    const e = res(s, 'aws_vpc_endpoint.e');
    assert.equal(plain(e.props.type), 'Gateway');
    assert.deepEqual(e.defaulted, ['type']);
  });
});
