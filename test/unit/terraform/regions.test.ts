import { strict as assert } from 'assert';
import { DIR, range, ready, res, scopeOf } from './helpers';

const EP = (name: string, extra = '') => `resource "aws_vpc_endpoint" "${name}" {\n  service_name = "com.amazonaws.us-east-1.s3"\n${extra}}\n`;

describe('terraform regions', () => {
  before(ready);

  it('takes the default provider region, written as a literal', () => {
    const s = scopeOf({ 'main.tf': `provider "aws" {\n  region = "eu-west-1"\n}\n${EP('a')}` });
    assert.deepEqual(res(s, 'aws_vpc_endpoint.a').region, {
      value: 'eu-west-1', deployment: false, loc: { file: `${DIR}/main.tf`, range: range(1, 11, 1, 22) },
      via: 'provider `aws`', literal: true,
    });
  });

  it('follows provider aliases and resolves the region through a variable', () => {
    const s = scopeOf({
      'providers.tf': 'variable "west" { default = "us-west-2" }\nprovider "aws" { region = "eu-west-1" }\nprovider "aws" {\n  alias  = "west"\n  region = var.west\n}\n',
      'main.tf': EP('a', '  provider = aws.west\n') + EP('b') + EP('c', '  provider = aws.nowhere\n'),
    });
    const a = res(s, 'aws_vpc_endpoint.a').region;
    assert.equal(a.value, 'us-west-2');
    assert.equal(a.via, 'provider `aws.west`');
    assert.equal(a.literal, false);
    assert.equal(a.expr, 'var.west');
    assert.deepEqual(a.loc, { file: `${DIR}/providers.tf`, range: range(4, 11, 4, 19) });
    assert.equal(res(s, 'aws_vpc_endpoint.b').region.value, 'eu-west-1');
    assert.deepEqual(res(s, 'aws_vpc_endpoint.c').region, { deployment: true, via: 'provider `aws.nowhere`' });
    assert.deepEqual(res(s, 'provider.aws.west').props.alias && res(s, 'provider.aws.west').region.value, 'us-west-2');
  });

  it('prefers the provider v6 per-resource region argument', () => {
    const s = scopeOf({ 'main.tf': `provider "aws" { region = "eu-west-1" }\n${EP('a', '  region = "ap-south-1"\n')}` });
    const r = res(s, 'aws_vpc_endpoint.a').region;
    assert.equal(r.value, 'ap-south-1');
    assert.equal(r.via, 'argument `region`');
    assert.equal(r.literal, true);
    assert.deepEqual(r.loc?.range, range(3, 11, 3, 23));
  });

  it('treats a module without provider block as deployed anywhere', () => {
    const s = scopeOf({ 'main.tf': EP('a') });
    assert.deepEqual(res(s, 'aws_vpc_endpoint.a').region, { deployment: true });
  });

  it('resolves data.aws_region to the provider region and picks .region or .name for fixes', () => {
    const body = 'provider "aws" { region = "eu-central-1" }\ndata "aws_region" "here" {}\nresource "aws_vpc_endpoint" "a" {\n  service_name = "com.amazonaws.${data.aws_region.here.name}.s3"\n}\n';
    const s = scopeOf({ 'main.tf': body });
    const ep = res(s, 'aws_vpc_endpoint.a');
    const v = ep.props.service_name!;
    assert.equal(v.t === 'str' && v.v, 'com.amazonaws.eu-central-1.s3');
    const part = v.t === 'str' ? v.parts[1] : undefined;
    assert.deepEqual(part, {
      expr: 'data.aws_region.here.name', value: 'eu-central-1', isRegion: true,
      loc: { file: `${DIR}/main.tf`, range: range(3, 32, 3, 60) },
    });
    assert.equal(ep.region.expr, 'data.aws_region.here.name', 'the module already uses .name');

    const v6 = scopeOf({ 'main.tf': 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = ">= 5.0" }\n  }\n}\nprovider "aws" {}\ndata "aws_region" "cur" {}\n' + EP('a') });
    assert.equal(res(v6, 'aws_vpc_endpoint.a').region.expr, 'data.aws_region.cur.region');
    const v5 = scopeOf({ 'main.tf': 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 5.40" }\n  }\n}\ndata "aws_region" "cur" {}\n' + EP('a') });
    assert.equal(res(v5, 'aws_vpc_endpoint.a').region.expr, 'data.aws_region.cur.name');
    // A label Terraform rejects cannot be referred to: fixes fall back to declaring their own.
    const odd = scopeOf({ 'main.tf': 'data "aws_region" "{cur" {}\n' + EP('a') });
    assert.equal(res(odd, 'aws_vpc_endpoint.a').region.expr, undefined);
  });

  it('marks an unresolvable data.aws_region as the deployment region', () => {
    const s = scopeOf({ 'main.tf': 'data "aws_region" "c" {}\nresource "aws_vpc_endpoint" "a" {\n  service_name = "com.amazonaws.${data.aws_region.c.region}.s3"\n}\n' });
    const v = res(s, 'aws_vpc_endpoint.a').props.service_name!;
    assert.equal(v.t, 'str');
    if (v.t !== 'str') return;
    assert.equal(v.v, undefined);
    assert.equal(v.parts[1].isRegion, true);
    assert.equal(v.parts[1].value, undefined);
  });
});
