// A Deny for everyone and everything unless the request comes through an endpoint or VPC, with no
// exception: it also refuses administrators fixing the policy, the console, and AWS services.
import type { Policy, Statement } from '../model';
import type { Rule } from '../rule';
import { conditionKeyInfo, parseOperator } from '../policy/keys';
import { fixOf } from './fixes';
import { effectOf, isEndpointKey, isEveryone, policyRole, readExcept } from './policies';

/** Keys that only describe the network path: a Deny conditioned on these alone exempts nobody. */
const NETWORK_KEYS = new Set(['aws:SourceVpce', 'aws:SourceVpc', 'aws:SourceVpcArn', 'aws:VpceAccount', 'aws:VpceOrgID', 'aws:VpceOrgPaths']);

const PLACEHOLDER_ARN = 'arn:aws:iam::<account-id>:role/<admin-role>';

export const rule: Rule = {
  meta: {
    code: 'VPCE605',
    name: 'vpce-deny-lockout',
    severity: 'warning',
    formats: ['terraform', 'cloudformation', 'policy'],
    fixable: true,
    suggestionsOnly: true,
    docs: {
      summary: 'A `Deny` for all principals and all actions unless `aws:SourceVpce`/`aws:SourceVpc` has no exception for administrators or AWS services.',
      why: [
        'A resource policy statement that denies every action (`*` or `s3:*`) to every principal unless the request comes',
        'through a given endpoint or VPC also denies the account\'s administrators working from the console or a CI',
        'runner, and AWS services that act for you (CloudFormation, replication, logging). For a bucket this includes',
        '`s3:PutBucketPolicy`: nobody outside the VPC can repair the policy, and only the root user can delete it. The',
        'AWS examples add an exception such as `ArnNotLike` on `aws:PrincipalArn` for an admin role, or',
        '`aws:ViaAWSService`/`aws:CalledVia` for service calls.',
      ].join(' '),
      fix: 'Adds an `ArnNotLike` condition on `aws:PrincipalArn` with a placeholder role ARN to the statement; replace the placeholder with your administration role (not applied unattended).',
      examples: [
        {
          format: 'terraform',
          bad: 'Statement = [{\n  Effect    = "Deny"\n  Principal = "*"\n  Action    = "s3:*"\n  Resource  = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]\n  Condition = { StringNotEquals = { "aws:SourceVpce" = aws_vpc_endpoint.s3.id } }\n}]',
          good: 'Statement = [{\n  Effect    = "Deny"\n  Principal = "*"\n  Action    = "s3:*"\n  Resource  = [aws_s3_bucket.data.arn, "${aws_s3_bucket.data.arn}/*"]\n  Condition = {\n    StringNotEquals = { "aws:SourceVpce" = aws_vpc_endpoint.s3.id }\n    ArnNotLike      = { "aws:PrincipalArn" = aws_iam_role.admin.arn }\n  }\n}]',
        },
        {
          format: 'cloudformation-yaml',
          bad: '- Effect: Deny\n  Principal: "*"\n  Action: "s3:*"\n  Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]\n  Condition:\n    StringNotEquals:\n      aws:SourceVpce: !Ref S3Endpoint',
          good: '- Effect: Deny\n  Principal: "*"\n  Action: "s3:*"\n  Resource: [!GetAtt Bucket.Arn, !Sub "${Bucket.Arn}/*"]\n  Condition:\n    StringNotEquals:\n      aws:SourceVpce: !Ref S3Endpoint\n    ArnNotLike:\n      aws:PrincipalArn: !GetAtt AdminRole.Arn',
        },
        {
          format: 'cloudformation-json',
          bad: '{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*",\n "Condition": {"StringNotEquals": {"aws:SourceVpc": {"Ref": "Vpc"}}}}',
          good: '{"Effect": "Deny", "Principal": "*", "Action": "*", "Resource": "*",\n "Condition": {"StringNotEquals": {"aws:SourceVpc": {"Ref": "Vpc"}},\n               "Bool": {"aws:ViaAWSService": "false"}}}',
        },
        {
          format: 'policy-json',
          bad: '{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::data", "arn:aws:s3:::data/*"],\n "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"}}}',
          good: '{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::data", "arn:aws:s3:::data/*"],\n "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"},\n               "ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/admin"}}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn',
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-viaawsservice',
      ],
    },
  },
  check(ctx) {
    ctx.eachPolicy((policy) => {
      if (policyRole(policy) !== 'resource') return;
      for (const stmt of policy.statements) {
        const lock = lockout(policy, stmt);
        if (!lock) continue;
        const edits = ctx.scope.editor.addCondition(policy, stmt, 'ArnNotLike', 'aws:PrincipalArn', { str: placeholderArn(policy) });
        ctx.report({
          loc: lock.keyLoc,
          message: `This \`Deny\` refuses every action to every principal unless \`${lock.key}\` matches, with no exception (\`aws:PrincipalArn\`, \`aws:ViaAWSService\`, \`aws:CalledVia\`): it also locks out administrators, the console and AWS services acting for you.`,
          fixes: fixOf('Add an `aws:PrincipalArn` exception for an admin role', edits, { safe: false, preferred: true }),
        });
      }
    });
  },
};

/** The endpoint condition of a statement that denies everything to everyone unless it holds. */
function lockout(policy: Policy, stmt: Statement) {
  // Which resources are denied does not matter (a `!GetAtt Bucket.Arn` may stay unknown).
  if (!readExcept(policy, stmt, ['Resource', 'NotResource']) || effectOf(stmt) !== 'Deny' || stmt.notActions || stmt.notPrincipals) return undefined;
  if (!isEveryone(stmt.principals) || !stmt.actions.length || !stmt.actions.every((a) => a.v !== undefined && /^([a-z0-9-]+:)?\*$/i.test(a.v))) return undefined;
  // Any other condition (a principal, a service, a corporate address range) is an exception.
  if (!stmt.conditions.every((c) => NETWORK_KEYS.has(conditionKeyInfo(c.key)?.name ?? ''))) return undefined;
  return stmt.conditions.find((c) => isEndpointKey(c) && parseOperator(c.operator).negated);
}

/** The partition of the policy's own ARNs, so the placeholder fits GovCloud and China too. */
function placeholderArn(policy: Policy): string {
  const partition = policy.statements.flatMap((s) => s.resources).map((r) => /^arn:(aws[a-z-]*):/.exec(r.v ?? '')?.[1]).find(Boolean);
  return partition ? PLACEHOLDER_ARN.replace('arn:aws:', `arn:${partition}:`) : PLACEHOLDER_ARN;
}
