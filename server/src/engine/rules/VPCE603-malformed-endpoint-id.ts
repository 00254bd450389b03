// aws:SourceVpce / aws:SourceVpc values that cannot be an endpoint or VPC id: such a condition
// never matches, so an Allow grants nothing and a Deny-unless denies everything.
import type { Condition, StrVal } from '../model';
import type { Rule } from '../rule';
import { conditionKeyInfo, parseOperator } from '../policy/keys';
import { locateInStr } from './source-text';

const VPCE_ID = /^vpce-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const VPC_ID = /^vpc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export const rule: Rule = {
  meta: {
    code: 'VPCE603',
    name: 'malformed-endpoint-id',
    severity: 'error',
    formats: ['terraform', 'cloudformation', 'policy'],
    fixable: false,
    docs: {
      summary: 'Finds `aws:SourceVpce` values that are not VPC endpoint ids and `aws:SourceVpc` values that are not VPC ids.',
      why: [
        'A VPC endpoint id is `vpce-` followed by 8 or 17 lowercase hexadecimal digits, a VPC id `vpc-` followed by 8 or 17.',
        'IAM does not validate condition values: a truncated id, a typo, upper-case hex, or a VPC id under',
        '`aws:SourceVpce` is accepted and then never equals the id the request carries. An `Allow` that needs it grants',
        'nothing; a `Deny` with `StringNotEquals` denies every request, including the ones through the right endpoint.',
      ].join(' '),
      fix: 'None: the right id is not in the file. Reference the endpoint (`aws_vpc_endpoint.s3.id`, `!Ref S3Endpoint`) instead of copying its id.',
      examples: [
        {
          format: 'terraform',
          bad: 'Condition = {\n  StringNotEquals = { "aws:SourceVpce" = "vpce-1234567" }\n}',
          good: 'Condition = {\n  StringNotEquals = { "aws:SourceVpce" = aws_vpc_endpoint.s3.id }\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'Condition:\n  StringNotEquals:\n    aws:SourceVpce: vpc-0a1b2c3d4e5f67890',
          good: 'Condition:\n  StringNotEquals:\n    aws:SourceVpce: !Ref S3Endpoint',
        },
        {
          format: 'cloudformation-json',
          bad: '"Condition": {"StringEquals": {"aws:SourceVpc": "vpce-0a1b2c3d"}}',
          good: '"Condition": {"StringEquals": {"aws:SourceVpc": {"Ref": "Vpc"}}}',
        },
        {
          format: 'policy-json',
          bad: '"Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0A1B2C3D"}}',
          good: '"Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d"}}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcevpce',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
        'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_VpcEndpoint.html',
      ],
    },
  },
  check(ctx) {
    ctx.eachPolicy((policy) => {
      for (const stmt of policy.statements) {
        for (const cond of stmt.conditions) {
          const key = conditionKeyInfo(cond.key)?.name;
          if (key !== 'aws:SourceVpce' && key !== 'aws:SourceVpc') continue;
          const operator = parseOperator(cond.operator);
          if (!operator.known || !operator.base?.startsWith('String')) continue;
          const patterns = operator.base === 'StringLike' || operator.base === 'StringNotLike';
          const ignoreCase = operator.base.endsWith('IgnoreCase');
          for (const value of cond.values) {
            if (value.t !== 'str' || value.v === undefined) continue;
            const message = problemOf(key, ignoreCase ? value.v.toLowerCase() : value.v, patterns, cond);
            if (!message) continue;
            ctx.report({
              loc: locateInStr(value, 0, value.v.length),
              message,
              related: origin(value),
            });
          }
        }
      }
    });
  },
};

/** What is wrong with one value, or undefined when it is an id, or not a literal we can judge. */
function problemOf(key: 'aws:SourceVpce' | 'aws:SourceVpc', v: string, patterns: boolean, cond: Condition): string | undefined {
  // Policy variables and unresolved interpolations are filled in later; `<my-vpc>` is a template
  // placeholder nobody deploys as is.
  if (v.includes('${') || /^<[^<>]*>$/.test(v) || v.trim() === '') return undefined;
  const wildcard = /[*?]/.test(v);
  if (wildcard && patterns) return undefined;
  const lower = v.toLowerCase();
  const shown = `\`${v}\``;
  if (wildcard) {
    return `${shown} is compared literally by \`${cond.operator}\` (wildcards work only with \`StringLike\`/\`StringNotLike\`), so it never equals an ${key === 'aws:SourceVpce' ? 'endpoint' : 'VPC'} id.`;
  }
  if (key === 'aws:SourceVpce') {
    if (VPCE_ID.test(v)) return undefined;
    if (VPC_ID.test(lower)) return `${shown} is a VPC id, but \`aws:SourceVpce\` holds the id of the endpoint the request came through (\`vpce-...\`); use \`aws:SourceVpc\` for VPC ids.`;
    if (VPCE_ID.test(lower)) return `${shown} has upper-case letters, but endpoint ids are lower-case and \`${cond.operator}\` compares case-sensitively, so it never equals the id a request carries.`;
    return `${shown} is not a VPC endpoint id (\`vpce-\` followed by 8 or 17 lowercase hex digits), so it never equals the endpoint id a request carries.`;
  }
  if (VPC_ID.test(v)) return undefined;
  if (VPCE_ID.test(lower)) return `${shown} is a VPC endpoint id, but \`aws:SourceVpc\` holds the id of the VPC the request came from (\`vpc-...\`); use \`aws:SourceVpce\` for endpoint ids.`;
  if (VPC_ID.test(lower)) return `${shown} has upper-case letters, but VPC ids are lower-case and \`${cond.operator}\` compares case-sensitively, so it never equals the id a request carries.`;
  return `${shown} is not a VPC id (\`vpc-\` followed by 8 or 17 lowercase hex digits), so it never equals the VPC id a request carries.`;
}

function origin(value: StrVal) {
  return value.origin ? [{ loc: value.origin, message: 'The value is set here.' }] : undefined;
}
