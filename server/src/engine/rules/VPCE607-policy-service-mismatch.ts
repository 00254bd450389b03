// Actions of another service in an endpoint policy: requests through the endpoint only ever carry
// its own service's actions, so the statement grants nothing and usually hides a mix-up of policies.
import type { Resource } from '../model';
import type { Rule } from '../rule';
import { actionService, effectOf, endpointActionPrefixes } from './policies';
import { endpointBaseService, endpointService } from './service-names';
import { locateInStr } from './source-text';
import { lookupTable } from '../collections';

export const rule: Rule = {
  meta: {
    code: 'VPCE607',
    name: 'policy-service-mismatch',
    severity: 'warning',
    formats: ['terraform', 'cloudformation'],
    fixable: false,
    docs: {
      summary: 'An endpoint policy allows actions of a different service than the endpoint\'s (`dynamodb:*` in an S3 endpoint policy).',
      why: [
        'An endpoint policy is checked only for requests that pass through that endpoint, and those are requests to the',
        'endpoint\'s own service: an S3 endpoint carries `s3:` (and `s3express:`) actions, `monitoring` carries',
        '`cloudwatch:`, `ecr.api` and `ecr.dkr` carry `ecr:`. An `Allow` of `dynamodb:*` in an S3 endpoint policy',
        'therefore grants nothing, and usually means the policy of one endpoint was pasted onto another, so the actions',
        'the endpoint really needs are missing.',
      ].join(' '),
      fix: 'None: which actions the endpoint needs is a decision only the author can make.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "s3" {\n  service_name = "com.amazonaws.eu-west-1.s3"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "dynamodb:*", Resource = "*" }]\n  })\n}',
          good: 'resource "aws_vpc_endpoint" "s3" {\n  service_name = "com.amazonaws.eu-west-1.s3"\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]\n  })\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'ServiceName: !Sub com.amazonaws.${AWS::Region}.monitoring\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: logs:PutLogEvents\n      Resource: "*"',
          good: 'ServiceName: !Sub com.amazonaws.${AWS::Region}.monitoring\nPolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: cloudwatch:PutMetricData\n      Resource: "*"',
        },
        {
          format: 'cloudformation-json',
          bad: '"ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.dynamodb"},\n"PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}',
          good: '"ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.dynamodb"},\n"PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "dynamodb:GetItem", "Resource": "*"}]}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
        'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
      ],
    },
  },
  check(ctx) {
    ctx.each('endpoint', (ep) => {
      const prefixes = endpointActionPrefixes(ep);
      const service = endpointService(ep);
      if (!prefixes || !service) return;
      for (const policy of ep.policies ?? []) {
        for (const stmt of policy.statements) {
          if (effectOf(stmt) !== 'Allow') continue;
          for (const action of stmt.actions) {
            const other = action.v === undefined ? undefined : actionService(action.v);
            if (!other || prefixes.includes(other) || companionAction(ep, action.v!)) continue;
            ctx.report({
              loc: locateInStr(action, 0, action.v!.length),
              message: `\`${action.v}\` is an action of \`${other}\`, but this policy belongs to an endpoint for \`${service.parsed.service}\`, whose requests carry only ${listOf(prefixes)} actions, so it grants nothing here.`,
              related: [{ loc: service.val.loc, message: 'The endpoint\'s service.' }],
            });
          }
        }
      }
    });
  },
};

/** Actions of another service that the service's documentation puts in its endpoint policy: a
 *  CodeArtifact token is an STS service bearer token, fetched for the caller through the endpoint. */
const COMPANION_ACTIONS = lookupTable<readonly string[]>({
  'codeartifact.api': ['sts:getservicebearertoken'],
  'codeartifact.repositories': ['sts:getservicebearertoken'],
});

function companionAction(ep: Resource, action: string): boolean {
  const base = endpointBaseService(ep);
  return base !== undefined && (COMPANION_ACTIONS[base]?.includes(action.toLowerCase()) ?? false);
}

/** `s3:`, `s3express:` or `s3-object-lambda:` */
function listOf(prefixes: readonly string[]): string {
  const shown = prefixes.map((p) => `\`${p}:\``);
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1]}` : shown[0];
}
