import { strict as assert } from 'assert';
import { DIR, range, ready, res, scopeOf } from './helpers';

const ENDPOINT = [
  'resource "aws_vpc_endpoint" "s3" {',
  '  vpc_id       = "vpc-0123"',
  '  service_name = "com.amazonaws.eu-west-1.s3"',
  '}',
].join('\n');

describe('terraform policy resources', () => {
  before(ready);

  it('attaches an aws_vpc_endpoint_policy document to the endpoint it names', () => {
    const s = scopeOf({
      'main.tf': [
        ENDPOINT,
        'resource "aws_vpc_endpoint_policy" "s3" {',
        '  vpc_endpoint_id = aws_vpc_endpoint.s3.id',
        '  policy = jsonencode({',
        '    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]',
        '  })',
        '}',
      ].join('\n'),
    });
    const ep = res(s, 'aws_vpc_endpoint.s3');
    assert.equal(ep.policies?.length, 1);
    const [p] = ep.policies!;
    assert.equal(p.kind, 'endpoint');
    assert.equal(p.owner, 'aws_vpc_endpoint.s3');
    assert.equal(p.syntax, 'hcl-object');
    assert.deepEqual(p.loc, { file: `${DIR}/main.tf`, range: range(6, 22, 8, 3) });
    assert.deepEqual(p.statements[0].actions.map((a) => a.v), ['s3:GetObject']);
    assert.equal(ep.props.policy, undefined, 'the endpoint itself has no policy argument');
    assert.equal(s.policies.length, 0);
    assert.equal(s.byKey.has('aws_vpc_endpoint_policy.s3'), false);
  });

  it('attaches per instance and reads a policy document data source', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_vpc_endpoint" "ep" {',
        '  for_each     = toset(["s3", "dynamodb"])',
        '  vpc_id       = "vpc-0123"',
        '  service_name = "com.amazonaws.eu-west-1.${each.key}"',
        '}',
        'resource "aws_vpc_endpoint_policy" "ep" {',
        '  for_each        = toset(["s3", "dynamodb"])',
        '  vpc_endpoint_id = aws_vpc_endpoint.ep[each.key].id',
        '  policy          = data.aws_iam_policy_document.p.json',
        '}',
        'data "aws_iam_policy_document" "p" {',
        '  statement {',
        '    actions   = ["*"]',
        '    resources = ["*"]',
        '  }',
        '}',
      ].join('\n'),
    });
    for (const key of ['aws_vpc_endpoint.ep["s3"]', 'aws_vpc_endpoint.ep["dynamodb"]']) {
      const [p] = res(s, key).policies!;
      assert.equal(p.owner, key);
      assert.equal(p.syntax, 'iam-policy-document');
      assert.deepEqual(p.statements[0].actions.map((a) => a.v), ['*']);
    }
    assert.equal(s.policies.length, 0, 'the data source is used, not standalone');
  });

  it('marks an endpoint whose policy cannot be read as having one, with an unreadable statement', () => {
    const s = scopeOf({
      'main.tf': [
        ENDPOINT,
        'variable "policy" {}',
        'resource "aws_vpc_endpoint_policy" "s3" {',
        '  vpc_endpoint_id = aws_vpc_endpoint.s3.id',
        '  policy          = var.policy',
        '}',
      ].join('\n'),
    });
    const [p] = res(s, 'aws_vpc_endpoint.s3').policies!;
    assert.equal(p.kind, 'endpoint');
    assert.equal(p.owner, 'aws_vpc_endpoint.s3');
    assert.deepEqual(p.loc.range, range(5, 0, 8, 1));
    assert.deepEqual(p.statements.map((st) => st.complete), [false]);
  });

  it('keeps an endpoint policy for an endpoint not in the module as a scope policy', () => {
    const s = scopeOf({
      'main.tf': [
        ENDPOINT,
        'resource "aws_vpc_endpoint_policy" "other" {',
        '  vpc_endpoint_id = "vpce-0123456789abcdef0"',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*" }] })',
        '}',
      ].join('\n'),
    });
    assert.equal(res(s, 'aws_vpc_endpoint.s3').policies, undefined);
    assert.equal(s.policies.length, 1);
    assert.equal(s.policies[0].kind, 'endpoint');
    assert.equal(s.policies[0].owner, 'aws_vpc_endpoint_policy.other');
  });

  it('reads aws_organizations_policy content: SCPs as identity, RCPs as resource policies', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_organizations_policy" "scp" {',
        '  name    = "deny-leave"',
        '  content = jsonencode({ Statement = [{ Effect = "Deny", Action = "organizations:LeaveOrganization", Resource = "*" }] })',
        '}',
        'resource "aws_organizations_policy" "rcp" {',
        '  name    = "perimeter"',
        '  type    = "RESOURCE_CONTROL_POLICY"',
        '  content = <<EOF',
        '{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*",',
        '  "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}',
        'EOF',
        '}',
        'resource "aws_organizations_policy" "tags" {',
        '  type    = "TAG_POLICY"',
        '  content = jsonencode({ tags = { team = { tag_key = { "@@assign" = "Team" } } } })',
        '}',
        'variable "kind" {}',
        'resource "aws_organizations_policy" "unsure" {',
        '  type    = var.kind',
        '  content = jsonencode({ Statement = [{ Effect = "Deny", Action = "*", Resource = "*" }] })',
        '}',
      ].join('\n'),
    });
    const byOwner = new Map(s.policies.map((p) => [p.owner, p]));
    assert.deepEqual([...byOwner.keys()].sort(), ['aws_organizations_policy.rcp', 'aws_organizations_policy.scp', 'aws_organizations_policy.unsure']);
    assert.equal(byOwner.get('aws_organizations_policy.scp')!.kind, 'identity', 'SERVICE_CONTROL_POLICY is the default type');
    assert.deepEqual(byOwner.get('aws_organizations_policy.scp')!.statements[0].actions.map((a) => a.v), ['organizations:LeaveOrganization']);
    const rcp = byOwner.get('aws_organizations_policy.rcp')!;
    assert.equal(rcp.kind, 'resource');
    assert.equal(rcp.syntax, 'json');
    assert.equal(rcp.statements[0].conditions[0].key, 'aws:SourceVpce');
    assert.deepEqual(rcp.statements[0].conditions[0].keyLoc.range, range(9, 37, 9, 51));
    assert.equal(byOwner.get('aws_organizations_policy.unsure')!.kind, 'standalone', 'an unknown type is judged by name');
  });

  it('still reads IAM identity policies and role inline policies', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_iam_policy" "p" {',
        '  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
        '}',
        'resource "aws_iam_role" "r" {',
        '  inline_policy {',
        '    policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }] })',
        '  }',
        '}',
      ].join('\n'),
    });
    assert.deepEqual(s.policies.map((p) => [p.kind, p.owner, p.statements[0].actions[0].v]), [
      ['identity', 'aws_iam_policy.p', 's3:GetObject'],
      ['identity', 'aws_iam_role.r', 'sqs:SendMessage'],
    ]);
  });
});
