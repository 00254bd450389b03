import { strict as assert } from 'assert';
import { plain, ready, res, scopeOf } from './helpers';

describe('terraform count and for_each', () => {
  before(ready);

  it('expands count into indexed instances where count.index resolves', () => {
    const s = scopeOf({
      'main.tf': 'variable "azs" { default = ["eu-west-1a", "eu-west-1b", "eu-west-1c"] }\nresource "aws_subnet" "p" {\n  count = length(var.azs)\n  availability_zone = var.azs[count.index]\n  cidr_block = "10.0.${count.index}.0/24"\n}\n',
    });
    assert.deepEqual(s.resources.filter((r) => r.kind === 'subnet').map((r) => [r.key, r.instance, plain(r.props.az), plain(r.props.cidr)]), [
      ['aws_subnet.p[0]', 0, 'eu-west-1a', '10.0.0.0/24'],
      ['aws_subnet.p[1]', 1, 'eu-west-1b', '10.0.1.0/24'],
      ['aws_subnet.p[2]', 2, 'eu-west-1c', '10.0.2.0/24'],
    ]);
    assert.equal(res(s, 'aws_subnet.p[1]').displayName, 'aws_subnet.p[1]');
  });

  it('expands for_each over a map and a set, with each.key and each.value', () => {
    const s = scopeOf({
      'main.tf': [
        'locals { subnets = { b = "10.0.2.0/24", a = "10.0.1.0/24" } }',
        'resource "aws_subnet" "s" {',
        '  for_each = local.subnets',
        '  cidr_block = each.value',
        '  availability_zone = "eu-west-1${each.key}"',
        '}',
        'resource "aws_vpc_endpoint" "e" {',
        '  for_each = toset(["ssm", "ec2messages"])',
        '  service_name = "com.amazonaws.eu-west-1.${each.key}"',
        '  subnet_ids = values(aws_subnet.s)[*].id',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(s.resources.map((r) => r.key), [
      'aws_subnet.s["a"]', 'aws_subnet.s["b"]', 'aws_vpc_endpoint.e["ec2messages"]', 'aws_vpc_endpoint.e["ssm"]',
    ]);
    assert.equal(plain(res(s, 'aws_subnet.s["b"]').props.az), 'eu-west-1b');
    assert.equal(res(s, 'aws_subnet.s["b"]').instance, 'b');
    const ssm = res(s, 'aws_vpc_endpoint.e["ssm"]');
    assert.equal(plain(ssm.props.service_name), 'com.amazonaws.eu-west-1.ssm');
    assert.deepEqual(plain(ssm.props.subnets), ['aws_subnet.s["a"].id', 'aws_subnet.s["b"].id']);
  });

  it('resolves references into expanded resources: index, splat, for expression', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_subnet" "p" { count = 2 }',
        'resource "aws_vpc_endpoint" "a" {',
        '  subnet_ids = aws_subnet.p[*].id',
        '  security_group_ids = [for s in aws_subnet.p : s.id]',
        '  vpc_id = aws_subnet.p[1].vpc_id',
        '}',
      ].join('\n'),
    });
    const a = res(s, 'aws_vpc_endpoint.a');
    assert.deepEqual(plain(a.props.subnets), ['aws_subnet.p[0].id', 'aws_subnet.p[1].id']);
    assert.deepEqual(plain(a.props.security_groups), ['aws_subnet.p[0].id', 'aws_subnet.p[1].id']);
    assert.equal(plain(a.props.vpc), 'aws_subnet.p[1].vpc_id');
  });

  it('keeps a resource with unknown count as one unexpanded resource, with incomplete lists', () => {
    const s = scopeOf({
      'main.tf': [
        'variable "n" {}',
        'resource "aws_subnet" "p" {',
        '  count = var.n',
        '  vpc_id = "vpc-1"',
        '  cidr_block = "10.0.${count.index}.0/24"',
        '}',
        'resource "aws_vpc_endpoint" "a" {',
        '  subnet_ids = aws_subnet.p[*].id',
        '  route_table_ids = [for s in aws_subnet.p : s.id]',
        '  vpc_id = aws_subnet.p[0].vpc_id',
        '}',
      ].join('\n'),
    });
    const p = res(s, 'aws_subnet.p');
    assert.equal(p.instance, undefined);
    assert.equal(plain(p.props.vpc), 'vpc-1');
    assert.equal(plain(p.props.cidr), '<unknown str>');
    const a = res(s, 'aws_vpc_endpoint.a');
    assert.deepEqual(plain(a.props.subnets), ['aws_subnet.p.id', '…']);
    assert.deepEqual(plain(a.props.route_tables), ['aws_subnet.p.id', '…']);
    assert.equal(plain(a.props.vpc), 'aws_subnet.p.vpc_id');
  });

  it('drops count = 0 resources and caps expansion', () => {
    const s = scopeOf({ 'main.tf': 'resource "aws_vpc" "off" {\n  count = 0\n}\nresource "aws_vpc" "many" {\n  count = 1000\n}\n' });
    assert.deepEqual(s.resources.map((r) => r.key), ['aws_vpc.many']);
  });

  it('expands inline routes and ingress rules, including dynamic blocks', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_route_table" "rt" {',
        '  route {',
        '    destination_prefix_list_id = "pl-123"',
        '    vpc_peering_connection_id = aws_vpc_peering_connection.p.id',
        '  }',
        '  route {',
        '    cidr_block = "0.0.0.0/0"',
        '    gateway_id = aws_internet_gateway.igw.id',
        '  }',
        '}',
        'resource "aws_internet_gateway" "igw" {}',
        'resource "aws_vpc_peering_connection" "p" {}',
        'resource "aws_security_group" "sg" {',
        '  dynamic "ingress" {',
        '    for_each = [443, 80]',
        '    content {',
        '      protocol  = "tcp"',
        '      from_port = ingress.value',
        '      to_port   = ingress.value',
        '      cidr_blocks = ["10.0.0.0/8"]',
        '    }',
        '  }',
        '}',
      ].join('\n'),
    });
    const r0 = res(s, 'aws_route_table.rt.route[0]');
    assert.equal(r0.kind, 'route');
    assert.equal(r0.parent, 'aws_route_table.rt');
    assert.equal(plain(r0.props.route_table), 'aws_route_table.rt');
    assert.equal(plain(r0.props.dest_prefix_list), 'pl-123');
    assert.equal(plain(r0.props.target_kind), 'peering');
    assert.equal(plain(res(s, 'aws_route_table.rt.route[1]').props.target_kind), 'igw');
    const rules = s.resources.filter((r) => r.kind === 'sg_ingress');
    assert.deepEqual(rules.map((r) => [r.key, plain(r.props.from_port), plain(r.props.protocol), plain(r.props.security_group)]), [
      ['aws_security_group.sg.ingress[0]', 443, 'tcp', 'aws_security_group.sg'],
      ['aws_security_group.sg.ingress[1]', 80, 'tcp', 'aws_security_group.sg'],
    ]);
  });
});
