// Endpoints with no policy, or the default "everyone may do everything" one: the endpoint then
// lets any credentials reach any resource of the service, so data can leave through it.
import type { NewValue, Policy, Resource, StrVal } from '../model';
import type { Rule, RuleContext } from '../rule';
import { baseName } from './display-names';
import { endpointType } from './endpoints';
import { fixOf } from './fixes';
import { effectOf, endpointActionPrefixes, isEveryone, policyRole } from './policies';
import { endpointBaseService } from './service-names';
import { locateInStr, locWithin } from './source-text';

/** Services whose endpoints certainly accept a policy (several, such as `ecs` or
 *  `apprunner.requests`, do not, and then "no policy" is not a choice). */
const POLICY_SERVICES = new Set([
  's3', 's3express', 'dynamodb', 'ecr.api', 'ecr.dkr', 'sts', 'kms', 'secretsmanager', 'ssm', 'logs', 'monitoring',
  'events', 'sqs', 'sns', 'lambda', 'ec2', 'execute-api', 'kinesis-streams', 'kinesis-firehose', 'states', 'glue',
  'athena', 'elasticfilesystem', 'codecommit', 'git-codecommit', 'codeartifact.api', 'codeartifact.repositories',
  'sagemaker.api', 'sagemaker.runtime', 'bedrock-runtime', 'cloudformation', 'elasticloadbalancing', 'autoscaling', 'iam',
]);

export const rule: Rule = {
  meta: {
    code: 'VPCE601',
    name: 'endpoint-policy-full-access',
    severity: 'info',
    formats: ['terraform', 'cloudformation', 'policy'],
    fixable: true,
    suggestionsOnly: true,
    docs: {
      summary: 'An endpoint has no policy, or one that allows every action on every resource to every principal.',
      why: [
        'Without a policy, an Interface or Gateway endpoint gets the default policy: any principal, any action, any',
        'resource. Anyone with credentials in the VPC can then use the endpoint to reach buckets, tables and secrets of',
        'any account, for example to copy data to an S3 bucket they own, and the traffic never passes a proxy or',
        'firewall. An endpoint policy that allows only your organization\'s principals and resources (or only the',
        'buckets and actions the workloads need) is the network part of a data perimeter.',
      ].join(' '),
      fix: 'Inserts (or replaces the full-access policy with) a policy skeleton for the endpoint\'s service that allows principals of your organization (`aws:PrincipalOrgID`); fill in the placeholders before applying it.',
      examples: [
        {
          format: 'terraform',
          bad: 'resource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.eu-west-1.s3"\n}',
          good: 'resource "aws_vpc_endpoint" "s3" {\n  vpc_id       = aws_vpc.main.id\n  service_name = "com.amazonaws.eu-west-1.s3"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = ["s3:GetObject", "s3:PutObject"]\n      Resource  = "arn:aws:s3:::my-bucket/*"\n      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123" } }\n    }]\n  })\n}',
        },
        {
          format: 'cloudformation-yaml',
          bad: 'PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: "*"\n      Resource: "*"',
          good: 'PolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: "*"\n      Action: dynamodb:*\n      Resource: !Sub arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*\n      Condition:\n        StringEquals:\n          aws:PrincipalOrgID: o-abc123',
        },
        {
          format: 'cloudformation-json',
          bad: '"SecretsManagerEndpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {\n  "VpcEndpointType": "Interface", "VpcId": {"Ref": "Vpc"},\n  "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.secretsmanager"}}}',
          good: '"SecretsManagerEndpoint": {"Type": "AWS::EC2::VPCEndpoint", "Properties": {\n  "VpcEndpointType": "Interface", "VpcId": {"Ref": "Vpc"},\n  "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.secretsmanager"},\n  "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue",\n    "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]}}}',
        },
        {
          format: 'policy-json',
          bad: '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}',
          good: '{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*",\n  "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123", "aws:ResourceOrgID": "o-abc123"}}}]}',
        },
      ],
      references: [
        'https://docs.aws.amazon.com/vpc/latest/privatelink/vpc-endpoints-access.html',
        'https://docs.aws.amazon.com/whitepapers/latest/building-a-data-perimeter-on-aws/perimeter-implementation.html',
        'https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies-vpc-endpoint.html',
      ],
    },
  },
  check(ctx) {
    // An endpoint policy whose endpoint is not known (aws_vpc_endpoint_policy naming an id from
    // elsewhere) may belong to any endpoint here.
    const separatePolicy = ctx.unattachedPolicies().some((p) => p.kind === 'endpoint');
    ctx.each('endpoint', (ep) => {
      const type = endpointType(ep);
      const service = endpointBaseService(ep);
      if ((type !== 'Interface' && type !== 'Gateway') || !service) return;
      if (!ep.props.policy && !ep.policies?.length) {
        if (separatePolicy || !POLICY_SERVICES.has(service)) return;
        ctx.report({
          loc: ep.nameLoc,
          // Actions are named by their IAM prefix: `ecr:` for `ecr.dkr`, `cloudwatch:` for `monitoring`.
          message: `\`${baseName(ep)}\` has no endpoint policy, so it allows every \`${endpointActionPrefixes(ep)?.[0] ?? service}\` action on every resource to every principal.`,
          fixes: () => fixOf('Add an endpoint policy skeleton', ctx.scope.editor.setProp(ep, 'policy', skeleton(ep)), { safe: false, preferred: true }),
        });
        return;
      }
      for (const policy of ep.policies ?? []) {
        const action = fullAccess(policy, endpointActionPrefixes(ep)?.[0]);
        if (action) reportFullAccess(ctx, action, ep, policy);
      }
    });
    for (const policy of ctx.unattachedPolicies()) {
      if (policyRole(policy) !== 'endpoint') continue;
      const action = fullAccess(policy);
      if (action) reportFullAccess(ctx, action);
    }
  },
};

function reportFullAccess(ctx: RuleContext, action: StrVal, ep?: Resource, policy?: Policy): void {
  const what = ep ? `\`${baseName(ep)}\`'s policy` : 'This endpoint policy';
  const service = /^([a-z0-9-]+):\*$/i.exec(action.v!)?.[1];
  // A policy built by an aws_iam_policy_document data source is fixed there, and one attached by
  // an aws_vpc_endpoint_policy there: a `policy` argument on the endpoint would fight it.
  const replaceable = ep && policy && policy.syntax !== 'iam-policy-document' && locWithin(ep.loc, policy.loc);
  ctx.report({
    loc: locateInStr(action, 0, action.v!.length),
    message: service
      ? `${what} allows every \`${service}\` action on every resource to every principal, so it sets no data perimeter.`
      : `${what} allows every action on every resource to every principal, the same as having no policy.`,
    fixes: () => replaceable ? fixOf('Replace with an endpoint policy skeleton', ctx.scope.editor.setProp(ep, 'policy', skeleton(ep)), { safe: false, preferred: true }) : [],
  });
}

/** The `*` action (or `<service>:*` for the endpoint's own service, as in `s3:*` on an S3
 *  endpoint) of an unconditional Allow-everything statement, in a policy with no Deny. */
function fullAccess(policy: Policy, service?: string): StrVal | undefined {
  if (!policy.statements.length || !policy.statements.every((s) => s.complete)) return undefined;
  if (policy.statements.some((s) => effectOf(s) !== 'Allow')) return undefined;
  for (const s of policy.statements) {
    if (s.conditions.length || s.notActions || s.notResources || s.notPrincipals || !isEveryone(s.principals)) continue;
    const action = s.actions.find((a) => a.v === '*' || a.v === '*:*' || (service !== undefined && a.v?.toLowerCase() === `${service}:*`));
    if (action && s.resources.some((r) => r.v === '*')) return action;
  }
  return undefined;
}

const str = (s: string): NewValue => ({ str: s });

/** A least-privilege starting point: the service's actions for your organization's principals. */
function skeleton(ep: Resource): NewValue {
  const service = endpointBaseService(ep);
  let actions: string[];
  let resources: string[];
  if (service === 's3') {
    actions = ['s3:GetObject', 's3:PutObject', 's3:ListBucket'];
    resources = ['arn:aws:s3:::<bucket-name>', 'arn:aws:s3:::<bucket-name>/*'];
  } else if (service === 'dynamodb') {
    actions = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'];
    resources = ['arn:aws:dynamodb:<region>:<account-id>:table/<table-name>'];
  } else {
    actions = (endpointActionPrefixes(ep) ?? []).slice(0, 1).map((p) => `${p}:*`);
    resources = ['*'];
  }
  return {
    obj: {
      Version: str('2012-10-17'),
      Statement: {
        list: [{
          obj: {
            Sid: str('AllowOrganizationPrincipals'),
            Effect: str('Allow'),
            Principal: str('*'),
            Action: { list: (actions.length ? actions : ['*']).map(str) },
            Resource: { list: resources.map(str) },
            Condition: { obj: { StringEquals: { obj: { 'aws:PrincipalOrgID': str('<my-org-id>') } } } },
          },
        }],
      },
    },
  };
}
