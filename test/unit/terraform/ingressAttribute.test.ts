import { strict as assert } from 'assert';
import type { Scope } from '../../../server/src/engine/model';
import { DIR, plain, range, ready, res, scopeOf } from './helpers';

function ingressOf(s: Scope, group: string) {
  return s.resources.filter((r) => r.kind === 'sg_ingress' && r.parent === group);
}

describe('terraform security group ingress written as an attribute', () => {
  before(ready);

  it('maps each object of `ingress = [...]` to an sg_ingress rule of the group', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_security_group" "sg" {',
        '  ingress = [{',
        '    from_port        = 443',
        '    to_port          = 443',
        '    protocol         = "tcp"',
        '    cidr_blocks      = ["10.0.0.0/16"]',
        '    ipv6_cidr_blocks = []',
        '    prefix_list_ids  = []',
        '    security_groups  = []',
        '    self             = false',
        '    description      = ""',
        '    }, {',
        '    from_port = 80, to_port = 80, protocol = "tcp", cidr_blocks = null, security_groups = [aws_security_group.lb.id]',
        '  }]',
        '}',
        'resource "aws_security_group" "lb" {}',
      ].join('\n'),
    });
    const [a, b] = ingressOf(s, 'aws_security_group.sg');
    assert.equal(ingressOf(s, 'aws_security_group.sg').length, 2);
    assert.equal(a.key, 'aws_security_group.sg.ingress[0]');
    assert.deepEqual([plain(a.props.security_group), plain(a.props.protocol), plain(a.props.from_port), plain(a.props.to_port), plain(a.props.cidrs)],
      ['aws_security_group.sg', 'tcp', 443, 443, ['10.0.0.0/16']]);
    assert.deepEqual(a.loc, { file: `${DIR}/main.tf`, range: range(1, 13, 11, 5) });
    assert.deepEqual(a.propKeyLocs.from_port?.range, range(2, 4, 2, 13));
    assert.equal(b.key, 'aws_security_group.sg.ingress[1]');
    assert.equal(plain(b.props.from_port), 80);
    assert.equal(b.props.cidrs, undefined, '`= null` is not set');
    assert.deepEqual(plain(b.props.source_sgs), ['aws_security_group.lb.id']);
  });

  it('adds a rule with unknown values when the list is not known, and none for an empty list', () => {
    const s = scopeOf({
      'main.tf': [
        'variable "rules" {}',
        'resource "aws_security_group" "open" { ingress = var.rules }',
        'resource "aws_security_group" "none" { ingress = [] }',
        'resource "aws_security_group" "odd" { ingress = [var.rules] }',
      ].join('\n'),
    });
    const open = ingressOf(s, 'aws_security_group.open');
    assert.deepEqual(open.map((r) => plain(r.props.protocol)), ['<unknown: rules not known>']);
    assert.deepEqual(open[0].loc.range, range(1, 49, 1, 58));
    assert.equal(ingressOf(s, 'aws_security_group.none').length, 0);
    assert.deepEqual(ingressOf(s, 'aws_security_group.odd').map((r) => plain(r.props.protocol)), ['<unknown: rule not readable>']);
  });

  it('builds rules from a for expression over known ports', () => {
    const s = scopeOf({
      'main.tf': [
        'variable "ports" { default = [443, 8443] }',
        'resource "aws_security_group" "sg" {',
        '  ingress = [for p in var.ports : { from_port = p, to_port = p, protocol = "tcp", cidr_blocks = ["10.0.0.0/8"] }]',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(ingressOf(s, 'aws_security_group.sg').map((r) => [plain(r.props.from_port), plain(r.props.to_port)]), [[443, 443], [8443, 8443]]);
  });

  it('keeps an aws_security_group_rule of unknown type as a rule with unknown protocol', () => {
    const s = scopeOf({
      'main.tf': [
        'variable "direction" {}',
        'resource "aws_security_group" "sg" {}',
        'resource "aws_security_group_rule" "maybe" {',
        '  type              = var.direction',
        '  security_group_id = aws_security_group.sg.id',
        '  protocol          = "tcp"',
        '  from_port         = 80',
        '  to_port           = 80',
        '}',
        'resource "aws_security_group_rule" "out" {',
        '  type              = "egress"',
        '  security_group_id = aws_security_group.sg.id',
        '  protocol          = "-1"',
        '  from_port         = 0',
        '  to_port           = 0',
        '}',
      ].join('\n'),
    });
    const maybe = res(s, 'aws_security_group_rule.maybe');
    assert.equal(maybe.kind, 'sg_ingress');
    assert.equal(plain(maybe.props.security_group), 'aws_security_group.sg.id');
    assert.equal(plain(maybe.props.protocol), '<unknown: rule type not known>');
    assert.deepEqual(maybe.props.protocol!.loc.range, range(3, 22, 3, 35));
    assert.equal(s.byKey.has('aws_security_group_rule.out'), false, 'egress rules are not ingress');
  });
});
