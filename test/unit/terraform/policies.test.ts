import { strict as assert } from 'assert';
import { DIR, plain, range, ready, res, scopeOf } from './helpers';

describe('terraform policies', () => {
  before(ready);

  it('reads a jsonencode object as an endpoint policy, keeping ranges', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_vpc_endpoint" "s3" {',
        '  policy = jsonencode({',
        '    Version = "2012-10-17"',
        '    Statement = [{',
        '      Effect    = "Deny"',
        '      Principal = "*"',
        '      Action    = ["s3:*"]',
        '      Resource  = "*"',
        '      Condition = { StringNotEquals = { "aws:SourceVpc" = var.vpc } }',
        '    }]',
        '  })',
        '}',
        'variable "vpc" { default = "vpc-0123" }',
      ].join('\n'),
    });
    const [p] = res(s, 'aws_vpc_endpoint.s3').policies!;
    assert.equal(p.kind, 'endpoint');
    assert.equal(p.owner, 'aws_vpc_endpoint.s3');
    assert.equal(p.syntax, 'hcl-object');
    assert.deepEqual(p.loc.range, range(1, 22, 10, 3));
    const [st] = p.statements;
    assert.equal(st.effect?.v, 'Deny');
    assert.deepEqual(st.actions.map((a) => a.v), ['s3:*']);
    assert.equal(st.complete, true);
    const [c] = st.conditions;
    assert.equal(c.operator, 'StringNotEquals');
    assert.equal(c.key, 'aws:SourceVpc');
    assert.deepEqual(c.keyLoc, { file: `${DIR}/main.tf`, range: range(8, 41, 8, 54) });
    assert.deepEqual(c.values.map(plain), ['vpc-0123']);
    assert.equal(s.policies.length, 0, 'attached policies are not scope policies');
  });

  it('parses heredoc JSON at its place in the file and resolves interpolations', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_s3_bucket_policy" "bp" {',
        '  bucket = aws_s3_bucket.b.id',
        '  policy = <<EOF',
        '{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",',
        '  "Resource": "arn:aws:s3:::${var.name}/*",',
        '  "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}',
        'EOF',
        '}',
        'resource "aws_s3_bucket" "b" {}',
        'variable "name" { default = "logs" }',
      ].join('\n'),
    });
    const bp = res(s, 'aws_s3_bucket_policy.bp');
    assert.equal(plain(bp.props.bucket), 'aws_s3_bucket.b.id');
    const [p] = bp.policies!;
    assert.equal(p.kind, 'bucket');
    assert.equal(p.syntax, 'json');
    const [st] = p.statements;
    assert.equal(st.resources[0].v, 'arn:aws:s3:::logs/*');
    assert.deepEqual(st.resources[0].parts.map((x) => x.expr ?? x.text), ['arn:aws:s3:::', 'var.name', '/*']);
    assert.deepEqual(st.conditions[0].keyLoc.range, range(5, 37, 5, 51));
    assert.deepEqual(s.files[0].problems, []);
  });

  it('reports invalid JSON in a plain heredoc policy', () => {
    const s = scopeOf({ 'main.tf': 'resource "aws_vpc_endpoint" "e" {\n  policy = <<EOT\n{"Statement": [}\nEOT\n}\n' });
    const problems = s.files[0].problems;
    assert.ok(problems.length > 0);
    assert.equal(problems[0].loc.range.start.line, 2);
  });

  it('builds policies from aws_iam_policy_document statement blocks', () => {
    const s = scopeOf({
      'main.tf': [
        'data "aws_iam_policy_document" "ep" {',
        '  statement {',
        '    actions   = ["dynamodb:GetItem"]',
        '    resources = ["*"]',
        '    principals {',
        '      type        = "*"',
        '      identifiers = ["*"]',
        '    }',
        '    condition {',
        '      test     = "StringEquals"',
        '      variable = "aws:SourceVpce"',
        '      values   = ["vpce-11111111"]',
        '    }',
        '  }',
        '}',
        'data "aws_iam_policy_document" "unused" {',
        '  statement {',
        '    effect  = "Deny"',
        '    actions = ["s3:*"]',
        '  }',
        '}',
        'resource "aws_vpc_endpoint" "d" { policy = data.aws_iam_policy_document.ep.json }',
        'resource "aws_iam_policy" "ip" { policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] }) }',
      ].join('\n'),
    });
    const [p] = res(s, 'aws_vpc_endpoint.d').policies!;
    assert.equal(p.syntax, 'iam-policy-document');
    assert.equal(p.kind, 'endpoint');
    assert.deepEqual(p.loc.range, range(0, 0, 14, 1));
    const [st] = p.statements;
    assert.equal(st.effect?.v, 'Allow', 'the data source defaults to Allow');
    assert.deepEqual(st.effect?.parts, []);
    assert.equal(plain(st.principals), '*');
    assert.deepEqual(st.conditions.map((c) => [c.operator, c.key, c.values.map(plain)]), [['StringEquals', 'aws:SourceVpce', ['vpce-11111111']]]);
    assert.deepEqual(st.conditions[0].operatorLoc.range, range(9, 18, 9, 30));
    assert.equal(st.complete, true);
    assert.deepEqual(s.policies.map((x) => [x.kind, x.owner, x.syntax]), [
      ['identity', 'aws_iam_policy.ip', 'hcl-object'],
      ['standalone', 'data.aws_iam_policy_document.unused', 'iam-policy-document'],
    ]);
  });

  it('leaves file() policies unread', () => {
    const s = scopeOf({ 'main.tf': 'resource "aws_vpc_endpoint" "e" { policy = file("p.json") }\n' });
    const e = res(s, 'aws_vpc_endpoint.e');
    assert.equal(e.policies, undefined);
    assert.equal(plain(e.props.policy), '<unknown: `p.json` is not read (no file access)>');
  });
});
