import { strict as assert } from 'assert';
import { DIR, range, ready, scopeOf } from './helpers';

describe('terraform policy documents with unknown values', () => {
  before(ready);

  it('keeps references in lists as strings without value, and the statement complete', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_s3_bucket" "data" { bucket = "data" }',
        'data "aws_iam_policy_document" "d" {',
        '  statement {',
        '    effect    = "Deny"',
        '    actions   = ["s3:*"]',
        '    resources = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]',
        '    principals {',
        '      type        = "AWS"',
        '      identifiers = [aws_iam_role.admin.arn]',
        '    }',
        '  }',
        '}',
        'resource "aws_iam_role" "admin" {}',
      ].join('\n'),
    });
    const [st] = s.policies[0].statements;
    assert.equal(st.complete, true);
    assert.deepEqual(st.resources.map((r) => [r.v, r.parts.map((p) => p.expr ?? p.text)]), [
      [undefined, ['aws_s3_bucket.data.arn']],
      [undefined, ['aws_s3_bucket.data.arn', '/*']],
    ]);
    assert.deepEqual(st.resources[0].loc, { file: `${DIR}/main.tf`, range: range(5, 17, 5, 39) });
    assert.deepEqual(st.resources[0].parts[0].loc, st.resources[0].loc);
    assert.equal(st.principals?.t, 'obj');
  });

  it('is incomplete when a list has an unknown length or an item that is not a string', () => {
    const s = scopeOf({
      'main.tf': [
        'variable "arns" {}',
        'data "aws_iam_policy_document" "d" {',
        '  statement {',
        '    actions   = ["s3:*"]',
        '    resources = var.arns',
        '  }',
        '  statement {',
        '    actions   = ["s3:*", ["nested"]]',
        '    resources = ["*"]',
        '  }',
        '  statement {',
        '    actions   = ["s3:*", var.arns]',
        '    resources = ["*"]',
        '  }',
        '}',
      ].join('\n'),
    });
    const sts = s.policies[0].statements;
    assert.deepEqual(sts.map((st) => st.complete), [false, false, true]);
    assert.deepEqual(sts[1].actions.map((a) => a.v), ['s3:*']);
    assert.deepEqual(sts[2].actions.map((a) => [a.v, a.parts[0].expr]), [['s3:*', undefined], [undefined, 'var.arns']]);
  });
});
