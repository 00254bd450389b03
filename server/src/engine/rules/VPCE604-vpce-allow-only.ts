// A resource policy that asks for aws:SourceVpce/aws:SourceVpc only in Allow statements does not
// keep anyone out: identity policies of the account grant access on their own.
import type { Condition, Statement, Val } from '../model';
import type { Rule, RuleContext } from '../rule';
import { parseOperator } from '../policy/keys';
import { fixOf } from './fixes';
import { effectOf, isEndpointKey, isEveryone, policyRole } from './policies';
import { exactTextLoc } from './source-text';
import { lookupTable } from '../collections';

export const rule: Rule = {
  meta: {
    code: 'VPCE604',
    name: 'vpce-allow-only',
    severity: 'warning',
    formats: ['terraform', 'cloudformation', 'policy'],
    fixable: true,
    suggestionsOnly: true,
    docs: {
      summary: 'A bucket or resource policy requires `aws:SourceVpce`/`aws:SourceVpc` only in `Allow` statements, with no `Deny` that enforces it.',
      why: [
        'Within an account, a request is allowed when either the identity policy or the resource policy allows it. An',
        '`Allow` with `aws:SourceVpce` in a bucket policy adds a way in through the endpoint, but a role whose IAM policy',
        'grants `s3:GetObject` still reads the bucket from the internet. Only an explicit `Deny` with',
        '`StringNotEquals`/`StringNotLike` on `aws:SourceVpce` (or `aws:SourceVpc`) keeps requests from elsewhere out.',
      ].join(' '),
      fix: 'Turns the statement into the enforcing pattern: `Effect` `Deny` and the negated operator (`StringEquals` becomes `StringNotEquals`). Offered only when the endpoint condition is the statement\'s only condition, and never applied unattended: access the `Allow` granted to other accounts must then come from their own grants.',
      examples: [
        {
          format: 'terraform',
          bad: 'statement {\n  effect    = "Allow"\n  actions   = ["s3:GetObject"]\n  resources = ["${aws_s3_bucket.data.arn}/*"]\n  principals {\n    type        = "*"\n    identifiers = ["*"]\n  }\n  condition {\n    test     = "StringEquals"\n    variable = "aws:SourceVpce"\n    values   = [aws_vpc_endpoint.s3.id]\n  }\n}',
          good: 'statement {\n  effect    = "Deny"\n  actions   = ["s3:GetObject"]\n  resources = ["${aws_s3_bucket.data.arn}/*"]\n  principals {\n    type        = "*"\n    identifiers = ["*"]\n  }\n  condition {\n    test     = "StringNotEquals"\n    variable = "aws:SourceVpce"\n    values   = [aws_vpc_endpoint.s3.id]\n  }\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: '- Effect: Allow\n  Principal: "*"\n  Action: s3:GetObject\n  Resource: !Sub ${Bucket.Arn}/*\n  Condition:\n    StringEquals:\n      aws:SourceVpce: !Ref S3Endpoint',
          good: '- Effect: Deny\n  Principal: "*"\n  Action: s3:GetObject\n  Resource: !Sub ${Bucket.Arn}/*\n  Condition:\n    StringNotEquals:\n      aws:SourceVpce: !Ref S3Endpoint',
        },
        {
          format: 'cloudformation-json',
          bad: '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": {"Fn::Sub": "${Bucket.Arn}/*"},\n "Condition": {"StringEquals": {"aws:SourceVpc": {"Ref": "Vpc"}}}}',
          good: '{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": {"Fn::Sub": "${Bucket.Arn}/*"},\n "Condition": {"StringNotEquals": {"aws:SourceVpc": {"Ref": "Vpc"}}}}',
        },
        {
          format: 'policy-json',
          bad: '{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*",\n "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"}}}',
          good: '{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*",\n "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"}}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
      ],
    },
  },
  check(ctx) {
    ctx.eachPolicy((policy) => {
      // A statement we could not read in full may still be the Deny that enforces it, unless it
      // is known to be an Allow.
      if (policyRole(policy) !== 'resource' || policy.statements.some((s) => !s.complete && effectOf(s) !== 'Allow')) return;
      if (policy.statements.some(enforces)) return;
      for (const stmt of policy.statements) {
        if (effectOf(stmt) !== 'Allow' || !mayNameOwnAccount(stmt.principals)) continue;
        for (const cond of stmt.conditions) {
          const op = parseOperator(cond.operator);
          if (!isEndpointKey(cond) || !op.known || op.negated) continue;
          ctx.report({
            loc: cond.keyLoc,
            message: `\`${cond.key}\` is only required by this \`Allow\` and no \`Deny\` enforces it, so identity policies of the account still grant access from outside the ${cond.key.toLowerCase() === 'aws:sourcevpce' ? 'endpoint' : 'VPC'}.`,
            fixes: () => denyPattern(ctx, stmt, cond),
          });
        }
      }
    });
  },
};

/** Principals that may include the policy's own account: everyone, or an account written as the
 *  deployment's own (`${AWS::AccountId}`, `data.aws_caller_identity`). Named principals of other
 *  accounts need this Allow, so for them the condition does restrict access. */
function mayNameOwnAccount(principals: Val | undefined): boolean {
  if (!principals || isEveryone(principals)) return true;
  const own = (v: Val): boolean => {
    if (v.t === 'str') return v.parts.some((p) => p.expr !== undefined && /AWS::AccountId|aws_caller_identity/.test(p.expr));
    if (v.t === 'list') return v.items.some(own);
    if (v.t === 'obj') return v.entries.some((e) => own(e.value));
    return v.t !== 'num' && v.t !== 'bool';
  };
  return own(principals);
}

/** A Deny that refuses requests unless they came through an endpoint or VPC. */
function enforces(stmt: Statement): boolean {
  return effectOf(stmt) === 'Deny' && stmt.conditions.some((c) => isEndpointKey(c) && parseOperator(c.operator).negated);
}

const NEGATED = lookupTable<string>({
  StringEquals: 'StringNotEquals', StringLike: 'StringNotLike', StringEqualsIgnoreCase: 'StringNotEqualsIgnoreCase',
});

/** Effect Allow -> Deny and the operator negated, when that is the whole change. */
function denyPattern(ctx: RuleContext, stmt: Statement, cond: Condition) {
  const op = parseOperator(cond.operator);
  const negated = op.base && !op.set ? NEGATED[op.base] : undefined;
  if (!negated || stmt.conditions.length !== 1 || !stmt.effect) return [];
  const effectAt = exactTextLoc(ctx.scope, stmt.effect.parts[0]?.loc ?? stmt.effect.loc, 'Allow');
  const operatorAt = exactTextLoc(ctx.scope, cond.operatorLoc, cond.operator);
  if (!effectAt || !operatorAt || stmt.effect.parts.length !== 1) return [];
  const edits = [...ctx.scope.editor.replace(effectAt, 'Deny'), ...ctx.scope.editor.replace(operatorAt, negated + (op.ifExists ? 'IfExists' : ''))];
  return edits.length === 2 ? fixOf(`Convert to \`Deny\` with \`${negated}\``, edits, { safe: false, preferred: true }) : [];
}
