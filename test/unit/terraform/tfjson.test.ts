import { strict as assert } from 'assert';
import { DIR, plain, range, ready, res, scopeOf } from './helpers';

describe('terraform JSON syntax', () => {
  before(ready);

  it('reads resources, providers, variables and templates from .tf.json', () => {
    const text = [
      '{',
      '  "provider": { "aws": { "region": "${var.region}" } },',
      '  "variable": { "region": { "default": "eu-west-1" } },',
      '  "resource": {',
      '    "aws_vpc_endpoint": {',
      '      "s3": {',
      '        "vpc_id": "${aws_vpc.main.id}",',
      '        "service_name": "com.amazonaws.${var.region}.s3",',
      '        "dns_options": { "private_dns_only_for_inbound_resolver_endpoint": true }',
      '      }',
      '    },',
      '    "aws_vpc": { "main": { "cidr_block": "10.0.0.0/16" } }',
      '  }',
      '}',
    ].join('\n');
    const s = scopeOf({ 'main.tf.json': text });
    assert.equal(s.files[0].kind, 'terraform-json');
    const ep = res(s, 'aws_vpc_endpoint.s3');
    assert.equal(plain(ep.props.vpc), 'aws_vpc.main.id');
    assert.deepEqual(ep.props.vpc?.loc.range, range(6, 18, 6, 38));
    const name = ep.props.service_name!;
    assert.equal(plain(name), 'com.amazonaws.eu-west-1.s3');
    assert.deepEqual(name.t === 'str' && name.parts.map((p) => [p.text ?? p.expr, p.loc.range.start.character, p.loc.range.end.character]), [
      ['com.amazonaws.', 25, 39], ['var.region', 39, 52], ['.s3', 52, 55],
    ]);
    assert.equal(plain(ep.props.inbound_resolver_only), true);
    assert.deepEqual(ep.nameLoc, { file: `${DIR}/main.tf.json`, range: range(5, 7, 5, 9) });
    assert.equal(ep.region.value, 'eu-west-1');
    assert.equal(plain(res(s, 'aws_vpc.main').props.cidr), '10.0.0.0/16');
  });

  it('reports JSON errors and keeps going', () => {
    const s = scopeOf({ 'bad.tf.json': '{ "resource": { "aws_vpc": { "a": { "cidr_block": "10.0.0.0/16", } } }', 'ok.tf': 'resource "aws_vpc" "b" {}\n' });
    assert.ok(s.files[0].problems.length > 0);
    assert.ok(s.byKey.has('aws_vpc.b'));
  });
});
