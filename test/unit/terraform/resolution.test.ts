// Resolution gaps found on the real-world corpus: escaped .tf.json templates (aws-ia), string
// functions around the deployment region, and files read by file()/jsondecode()/templatefile().
import { strict as assert } from 'assert';
import { buildTerraformScope } from '../../../server/src/engine/terraform';
import type { StrVal, Val } from '../../../server/src/engine/model';
import { DIR, plain, range, ready, res, scopeOf } from './helpers';

const piecesOf = (v: Val | undefined) => (v as StrVal).parts.map((p) => [p.text ?? p.value ?? `<${p.expr}>`, !!p.isRegion]);

/** A module directory whose other files are read through `readFile`. */
function scopeWithFiles(tf: Record<string, string>, others: Record<string, string>, reads: string[] = []) {
  return buildTerraformScope(DIR, Object.entries(tf).map(([name, text]) => ({ path: `${DIR}/${name}`, text })), undefined, {
    readFile: (path) => { reads.push(path); return others[path]; },
  });
}

describe('terraform resolution: escaped JSON templates', () => {
  before(ready);

  // The shape of aws-ia/terraform-aws-vpc_endpoints main_generated.tf.json.
  const awsIa = (region: string) => [
    '{',
    `  "provider": { "aws": { "region": ${region} } },`,
    '  "data": { "aws_region": { "current": {} } },',
    '  "variable": { "enabled": { "default": ["ecr.api", "ssm"] } },',
    '  "resource": { "aws_vpc_endpoint": {',
    '    "ecr_api": {',
    '      "count": "${contains(var.enabled, \\"ecr.api\\") ? 1 : 0}",',
    '      "service_name": "${replace(\\"com.amazonaws.<REGION>.ecr.api\\", \\"<REGION>\\", data.aws_region.current.name)}",',
    '      "vpc_endpoint_type": "Interface"',
    '    },',
    '    "kms": {',
    '      "count": "${contains(var.enabled, \\"kms\\") ? 1 : 0}",',
    '      "service_name": "com.amazonaws.${data.aws_region.current.name}.kms"',
    '    }',
    '  } }',
    '}',
  ].join('\n');

  it('unescapes the string before parsing it, so count and service_name resolve', () => {
    const s = scopeOf({ 'main.tf.json': awsIa('"${var.region}"'), 'vars.tf': 'variable "region" {}\n' });
    assert.deepEqual(s.resources.filter((r) => r.kind === 'endpoint').map((r) => r.key), ['aws_vpc_endpoint.ecr_api[0]']);
    const name = res(s, 'aws_vpc_endpoint.ecr_api[0]').props.service_name;
    assert.equal(name?.t, 'str');
    assert.deepEqual(piecesOf(name), [['com.amazonaws.', false], ['<data.aws_region.current.name>', true], ['.ecr.api', false]]);
    // The whole string, quotes included, on line 7.
    assert.deepEqual(name!.loc.range, range(7, 22, 7, 114));
  });

  it('keeps a known region as a region piece through replace()', () => {
    const s = scopeOf({ 'main.tf.json': awsIa('"eu-west-2"') });
    const name = res(s, 'aws_vpc_endpoint.ecr_api[0]').props.service_name;
    assert.equal(plain(name), 'com.amazonaws.eu-west-2.ecr.api');
    assert.deepEqual(piecesOf(name), [['com.amazonaws.', false], ['eu-west-2', true], ['.ecr.api', false]]);
  });

  it('evaluates to no instance when the list default leaves the endpoint out', () => {
    const s = scopeOf({ 'main.tf.json': awsIa('"eu-west-2"') });
    assert.equal(s.byKey.has('aws_vpc_endpoint.kms[0]'), false);
    assert.equal(s.byKey.has('aws_vpc_endpoint.kms'), false);
  });

  it('maps pieces back to the raw text: exact without escapes, the whole string with them', () => {
    const text = [
      '{ "resource": { "aws_s3_bucket": {',
      '  "a": { "bucket": "x-${var.n}-y" },',
      '  "b": { "bucket": "q\\"-${var.n}\\\\z" },',
      '  "c": { "bucket": "${format(\\"%s\\", var.n)}" }',
      '} },',
      '  "variable": { "n": { "default": "v" } } }',
    ].join('\n');
    const s = scopeOf({ 'main.tf.json': text });
    const a = res(s, 'aws_s3_bucket.a').props.name as StrVal;
    assert.equal(a.v, 'x-v-y');
    assert.deepEqual(a.parts.map((p) => [p.text ?? p.expr, p.loc.range]), [
      ['x-', range(1, 20, 1, 22)], ['var.n', range(1, 22, 1, 30)], ['-y', range(1, 30, 1, 32)],
    ]);
    const b = res(s, 'aws_s3_bucket.b').props.name as StrVal;
    // `q"` and `\z` are written with escapes: no character-for-character range exists.
    assert.equal(b.v, 'q"-v\\z');
    assert.deepEqual(b.parts.map((p) => [p.text ?? p.expr, p.loc.range]), [
      ['q"-', range(2, 19, 2, 36)], ['var.n', range(2, 24, 2, 32)], ['\\z', range(2, 19, 2, 36)],
    ]);
    assert.equal(plain(res(s, 'aws_s3_bucket.c').props.name), 'v');
  });

  it('still reports a real syntax error inside an escaped template', () => {
    const s = scopeOf({ 'main.tf.json': '{ "resource": { "aws_s3_bucket": { "a": { "bucket": "${replace(\\"a\\", }" } } } }' });
    assert.equal(plain(res(s, 'aws_s3_bucket.a').props.name), '<unknown: syntax error>');
  });
});

describe('terraform resolution: string functions', () => {
  before(ready);

  const bucket = (expr: string, region = 'var.region') => scopeOf({
    'main.tf': `provider "aws" { region = ${region} }\ndata "aws_region" "current" {}\nvariable "region" {}\n` +
      `resource "aws_s3_bucket" "b" { bucket = ${expr} }\n`,
  });
  const name = (expr: string, region?: string) => res(bucket(expr, region), 'aws_s3_bucket.b').props.name;

  it('replace() keeps a region it does not touch and fails on one it does', () => {
    assert.deepEqual(piecesOf(name('replace("com.amazonaws.${data.aws_region.current.name}.ecr.api", ".", "_")')),
      [['com_amazonaws_', false], ['<data.aws_region.current.name>', true], ['_ecr_api', false]]);
    assert.equal(plain(name('replace("com.amazonaws.${data.aws_region.current.name}.s3", "-", "_")')), '<unknown: replace depends on the region\'s text>');
    assert.equal(plain(name('replace("x-${data.aws_region.current.name}", "/[0-9]$/", "")')), '<unknown: replace depends on the region\'s text>');
  });

  it('replace() removes a prefix that contains the same region', () => {
    // modernisation-platform: the zone name from the service name.
    const v = name('"${replace("com.amazonaws.${data.aws_region.current.region}.ecr.dkr", "com.amazonaws.${data.aws_region.current.region}.", "")}.${data.aws_region.current.region}.amazonaws.com"');
    assert.deepEqual(piecesOf(v), [['ecr.dkr', false], ['.', false], ['<data.aws_region.current.region>', true], ['.amazonaws.com', false]]);
  });

  it('splices a result holding an unknown region into the template around it', () => {
    assert.deepEqual(piecesOf(name('"https://${replace("com.amazonaws.${data.aws_region.current.name}.s3", "com.amazonaws.", "")}"')),
      [['https://', false], ['<data.aws_region.current.name>', true], ['.s3', false]]);
  });

  it('replace() with a known region returns the plain value when it touches the region', () => {
    assert.equal(plain(name('replace("${data.aws_region.current.name}", "-", "")', '"eu-west-1"')), 'euwest1');
    assert.equal(plain(name('replace("a.b.c", ".", "-")')), 'a-b-c');
    assert.equal(plain(name('replace("endpoint-ecr.api", "/^endpoint-(\\\\w+)\\\\.(?P<kind>\\\\w+)$/", "$${1}_$${kind}")')), 'ecr_api');
    // Go reads `$1_` as the group named `1_`, which does not exist.
    assert.equal(plain(name('replace("ecr.api", "/^(\\\\w+)\\\\./", "$1_")')), 'api');
    assert.equal(plain(name('replace("ab", "", "-")')), '-a-b-');
  });

  it('regex(), regexall(), trimprefix(), trimsuffix(), trim(), startswith()', () => {
    assert.equal(plain(name('regex("[a-z]+-\\\\d", "com.amazonaws.eu-2")')), 'eu-2');
    assert.deepEqual(plain(name('regex("^(\\\\w+)\\\\.(\\\\w+)", "ecr.api")')), ['ecr', 'api']);
    assert.deepEqual(plain(name('regex("^(?P<a>\\\\w+)\\\\.(?P<b>\\\\w+)", "ecr.api")')), { a: 'ecr', b: 'api' });
    assert.equal(plain(name('regex("z", "ecr.api")')), '<unknown: regex could not be evaluated>');
    assert.deepEqual(plain(name('regexall("[0-9]", "a1b2")')), ['1', '2']);
    assert.equal(plain(name('regex("\\\\z", "a")')), '<unknown: regex could not be evaluated>');
    assert.deepEqual(piecesOf(name('trimprefix("com.amazonaws.${data.aws_region.current.name}", "com.")')),
      [['amazonaws.', false], ['<data.aws_region.current.name>', true]]);
    assert.equal(plain(name('trimsuffix("${data.aws_region.current.name}", "-1")')), '<unknown: trimsuffix depends on the region\'s text>');
    assert.equal(plain(name('trim("--a-b--", "-")')), 'a-b');
    assert.equal(plain(name('startswith("com.amazonaws.${data.aws_region.current.name}.s3", "com.amazonaws.")')), true);
    assert.equal(plain(name('endswith("x.${data.aws_region.current.name}", "-1")')), '<unknown: endswith depends on the region\'s text>');
  });

  it('lower() keeps the region, upper() does not, split() keeps it in its piece', () => {
    assert.deepEqual(piecesOf(name('lower("COM.${data.aws_region.current.name}")')), [['com.', false], ['<data.aws_region.current.name>', true]]);
    assert.equal(plain(name('upper("${data.aws_region.current.name}")')), '<unknown: upper depends on the region\'s text>');
    assert.equal(plain(name('upper("${data.aws_region.current.name}")', '"eu-west-1"')), 'EU-WEST-1');
    const parts = name('split(".", "com.amazonaws.${data.aws_region.current.name}.s3")');
    assert.equal(parts?.t, 'list');
    assert.deepEqual(parts?.t === 'list' && parts.items.map((i) => plain(i)), ['com', 'amazonaws', '<unknown str>', 's3']);
    assert.equal(parts?.t === 'list' && parts.items[2].t === 'str' && parts.items[2].parts[0].isRegion, true);
  });

  it('setunion(), sort(), jsondecode()', () => {
    assert.deepEqual(plain(name('setunion(["a", "b"], ["b", "c"])')), ['a', 'b', 'c']);
    assert.deepEqual(plain(name('sort(["ssm", "ec2", "kms"])')), ['ec2', 'kms', 'ssm']);
    assert.deepEqual(plain(name('jsondecode("{\\"a\\": [1, true, \\"x\\"]}")')), { a: [1, true, 'x'] });
    assert.equal(plain(name('jsondecode("{")')), '<unknown: jsondecode of text that is not JSON>');
    assert.equal(plain(name('jsondecode(var.region)')), '<unknown: variable `region` has no default>');
  });
});

describe('terraform resolution: files of the module', () => {
  before(ready);

  // The shape of modernisation-platform core-network-services (snapshot eb84eed99).
  const endpoints = [
    'provider "aws" { region = "eu-west-2" }',
    'data "aws_region" "current" {}',
    'locals {',
    '  config = jsondecode(file("${path.module}/endpoints.json"))',
    '  services = {',
    '    for name in toset(local.config.interface_endpoint_names) :',
    '    replace(name, ".", "_") => "com.amazonaws.${data.aws_region.current.region}.${name}"',
    '  }',
    '  zones = {',
    '    for k, service in local.services :',
    '    k => "${replace(service, "com.amazonaws.${data.aws_region.current.region}.", "")}.${data.aws_region.current.region}.amazonaws.com"',
    '  }',
    '}',
    'resource "aws_vpc_endpoint" "e" {',
    '  for_each          = local.services',
    '  service_name      = each.value',
    '  vpc_endpoint_type = "Interface"',
    '}',
    'resource "aws_route53_zone" "z" {',
    '  for_each = local.zones',
    '  name     = each.value',
    '}',
  ].join('\n');

  it('reads jsondecode(file("${path.module}/x.json")) and builds every instance', () => {
    const reads: string[] = [];
    const s = scopeWithFiles({ 'main.tf': endpoints }, { [`${DIR}/endpoints.json`]: '{ "interface_endpoint_names": ["ecr.dkr", "ssm"] }' }, reads);
    assert.deepEqual(reads, [`${DIR}/endpoints.json`]);
    assert.equal(plain(res(s, 'aws_vpc_endpoint.e["ecr_dkr"]').props.service_name), 'com.amazonaws.eu-west-2.ecr.dkr');
    assert.equal(plain(res(s, 'aws_vpc_endpoint.e["ssm"]').props.service_name), 'com.amazonaws.eu-west-2.ssm');
    assert.equal(plain(res(s, 'aws_route53_zone.z["ecr_dkr"]').props.name), 'ecr.dkr.eu-west-2.amazonaws.com');
  });

  it('leaves file() unknown without readFile, outside the directory, or when too large', () => {
    const tf = (path: string) => ({ 'main.tf': `resource "aws_s3_bucket" "b" { bucket = file("${path}") }\n` });
    const reads: string[] = [];
    const files = { [`${DIR}/big.txt`]: 'x'.repeat(1024 * 1024 + 1), [`${DIR}/sub/ok.txt`]: 'ok', '/etc/passwd': 'root' };
    const name = (path: string) => plain(res(scopeWithFiles(tf(path), files, reads), 'aws_s3_bucket.b').props.name);
    assert.equal(plain(res(scopeOf(tf('sub/ok.txt')), 'aws_s3_bucket.b').props.name), '<unknown: `sub/ok.txt` is not read (no file access)>');
    assert.equal(name('sub/ok.txt'), 'ok');
    assert.equal(name('./sub/../sub/ok.txt'), 'ok');
    assert.equal(name(`${DIR}/sub/ok.txt`), 'ok');
    assert.equal(name('../etc/passwd'), '<unknown: `../etc/passwd` is outside the module directory>');
    assert.equal(name('/etc/passwd'), '<unknown: `/etc/passwd` is outside the module directory>');
    assert.equal(name('big.txt'), '<unknown: `big.txt` is larger than 1 MB>');
    assert.equal(name('missing.txt'), '<unknown: `missing.txt` could not be read>');
    assert.deepEqual(reads, [`${DIR}/sub/ok.txt`, `${DIR}/sub/ok.txt`, `${DIR}/sub/ok.txt`, `${DIR}/big.txt`, `${DIR}/missing.txt`]);
  });

  it('templatefile() substitutes known variables; fileexists() is true for a readable file', () => {
    const files = { [`${DIR}/p.json`]: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"${arn}","Sid":"$${x}"}]}' };
    const s = scopeWithFiles({
      'main.tf': [
        'resource "aws_s3_bucket" "t" { bucket = jsondecode(templatefile("p.json", { arn = "arn:aws:s3:::b" })).Statement[0].Resource }',
        'resource "aws_s3_bucket" "s" { bucket = jsondecode(templatefile("p.json", { arn = "a" })).Statement[0].Sid }',
        'resource "aws_s3_bucket" "u" { bucket = templatefile("p.json", {}) }',
        'resource "aws_s3_bucket" "e" { bucket = fileexists("p.json") ? "yes" : "no" }',
      ].join('\n'),
    }, files);
    assert.equal(plain(res(s, 'aws_s3_bucket.t').props.name), 'arn:aws:s3:::b');
    assert.equal(plain(res(s, 'aws_s3_bucket.s').props.name), '${x}');
    assert.equal(plain(res(s, 'aws_s3_bucket.u').props.name), '<unknown: templatefile(): `arn` is not a known variable>');
    assert.equal(plain(res(s, 'aws_s3_bucket.e').props.name), 'yes');
  });
});
