// Policies: what a document is for, who it names, which actions an endpoint carries, and whether
// renaming a key would collide with another.
import type { Condition, Loc, ObjVal, Policy, Resource, Scope, Statement, Val } from '../model';
import { sameKey } from '../policy/keys';
import { endpointBaseService } from './service-names';
import { sameRange } from './source-text';
import { lookupTable } from '../collections';

/** What a policy governs, as policy rules need it: `endpoint` policies limit what passes an
 *  endpoint, `resource` policies (bucket, queue, RCP) name principals, `identity` ones (IAM, SCP)
 *  do not. Standalone files are judged by name and content; undefined when unsure. */
export type PolicyRole = 'endpoint' | 'resource' | 'identity';

export function policyRole(policy: Policy): PolicyRole | undefined {
  if (policy.kind === 'endpoint') return 'endpoint';
  if (policy.kind === 'bucket' || policy.kind === 'resource') return 'resource';
  if (policy.kind === 'identity') return 'identity';
  // A file is named by its path; a Terraform document not attached to anything by its own name.
  const name = policy.owner ?? policy.loc.file.split(/[\\/]/).pop() ?? '';
  const named = policy.statements.some((s) => s.principals || s.notPrincipals);
  if (/(?:^|[^a-z])scp(?:[^a-z]|$)|service[-_]?control/i.test(name)) return 'identity';
  if (/bucket|(?:^|[^a-z])rcp(?:[^a-z]|$)|resource[-_]?(?:control|polic)/i.test(name)) return named ? 'resource' : undefined;
  if (/endpoint|vpce[-_.]?polic/i.test(name)) return 'endpoint';
  // A document handed to a module: where it ends up is not visible here.
  if (policy.owner) return undefined;
  if (named) return 'resource';
  return policy.statements.every((s) => s.complete) ? 'identity' : undefined;
}

/** `Allow` or `Deny` exactly as IAM spells them; undefined when absent, unknown or misspelt. */
export function effectOf(stmt: Statement): 'Allow' | 'Deny' | undefined {
  const v = stmt.effect?.v;
  return v === 'Allow' || v === 'Deny' ? v : undefined;
}

/** Every principal: `"*"`, `{"AWS": "*"}`, or `principals { type = "*" identifiers = ["*"] }`. */
export function isEveryone(val: Val | undefined): boolean {
  if (!val) return false;
  const star = (v: Val) => (v.t === 'str' && v.v === '*')
    || (v.t === 'list' && v.complete && v.items.length === 1 && v.items[0].t === 'str' && v.items[0].v === '*');
  if (star(val)) return true;
  return val.t === 'obj' && val.entries.length > 0 && val.entries.every((e) => (e.key === 'AWS' || e.key === '*') && star(e.value));
}

/** The network keys a VPC endpoint puts on a request. */
const ENDPOINT_KEYS = ['aws:SourceVpce', 'aws:SourceVpc'] as const;

export function isEndpointKey(cond: Condition): boolean {
  return ENDPOINT_KEYS.some((k) => sameKey(cond.key, k));
}

/** The service prefix of an IAM action (`s3` of `s3:GetObject`), lower case; undefined for `*`
 *  and for prefixes with wildcards. */
export function actionService(action: string): string | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0) return undefined;
  const prefix = action.slice(0, colon).toLowerCase();
  return /^[a-z0-9-]+$/.test(prefix) ? prefix : undefined;
}

/** IAM action prefixes of the requests an endpoint carries, by endpoint service suffix. Only
 *  services whose prefixes are certain; a service that is not here is never judged. */
const ENDPOINT_ACTION_PREFIXES = lookupTable<readonly string[]>({
  s3: ['s3', 's3express', 's3-object-lambda'], 's3-global.accesspoint': ['s3'], s3express: ['s3express'],
  dynamodb: ['dynamodb'], 'dynamodb-streams': ['dynamodb'],
  'ecr.api': ['ecr'], 'ecr.dkr': ['ecr'], ecs: ['ecs'], 'ecs-agent': ['ecs'], 'ecs-telemetry': ['ecs'], eks: ['eks'],
  ssm: ['ssm'], ssmmessages: ['ssmmessages'], ec2messages: ['ec2messages'], ec2: ['ec2'], ebs: ['ebs'],
  'execute-api': ['execute-api'], apigateway: ['apigateway'], lambda: ['lambda'], states: ['states'],
  monitoring: ['cloudwatch'], logs: ['logs'], events: ['events'], xray: ['xray'], cloudtrail: ['cloudtrail'],
  sts: ['sts'], kms: ['kms'], secretsmanager: ['secretsmanager'], iam: ['iam'], 'acm-pca': ['acm-pca'],
  sqs: ['sqs'], sns: ['sns'], 'kinesis-streams': ['kinesis'], 'kinesis-firehose': ['firehose'],
  glue: ['glue'], athena: ['athena'], elasticfilesystem: ['elasticfilesystem'], rds: ['rds'], 'rds-data': ['rds-data'],
  'redshift-data': ['redshift-data'], elasticache: ['elasticache'], cloudformation: ['cloudformation'],
  codebuild: ['codebuild'], codecommit: ['codecommit'], 'git-codecommit': ['codecommit'], codepipeline: ['codepipeline'],
  'codeartifact.api': ['codeartifact'], 'codeartifact.repositories': ['codeartifact'],
  'sagemaker.api': ['sagemaker'], 'sagemaker.runtime': ['sagemaker'],
  bedrock: ['bedrock'], 'bedrock-runtime': ['bedrock'], 'bedrock-agent': ['bedrock'], 'bedrock-agent-runtime': ['bedrock'],
  elasticloadbalancing: ['elasticloadbalancing'], autoscaling: ['autoscaling'],
});

/** The IAM action prefixes an endpoint's requests carry, when certain. */
export function endpointActionPrefixes(ep: Resource): readonly string[] | undefined {
  const base = endpointBaseService(ep);
  return base === undefined ? undefined : ENDPOINT_ACTION_PREFIXES[base];
}

/**
 * Whether everything of a statement but the named entries was read: rules whose verdict does not
 * depend on `Resource` need not give up because a CloudFormation `!GetAtt Bucket.Arn` is unknown.
 */
export function readExcept(policy: Policy, stmt: Statement, ignored: readonly string[]): boolean {
  if (stmt.complete) return true;
  const raw = rawStatement(policy, stmt);
  return !!raw && raw.entries.every((e) => ignored.includes(e.key) || isKnown(e.value));
}

/** A statement as written in the policy document (undefined for documents built from blocks). */
function rawStatement(policy: Policy, stmt: Statement): ObjVal | undefined {
  const list = policy.doc?.entries.filter((e) => e.key === 'Statement').pop()?.value;
  const items = list?.t === 'list' ? list.items : list ? [list] : [];
  const raw = items.find((i) => i.t === 'obj' && sameRange(i.loc, stmt.loc));
  return raw?.t === 'obj' ? raw : undefined;
}

function isKnown(val: Val): boolean {
  if (val.t === 'unknown') return false;
  if (val.t === 'str') return val.v !== undefined;
  if (val.t === 'list') return val.complete && val.items.every(isKnown);
  if (val.t === 'obj') return val.entries.every((e) => isKnown(e.value));
  return true;
}

/** A parse problem sits exactly on this key (it is written twice, the earlier one hidden): a
 *  rename would only uncover the other. */
export function keyWrittenTwice(scope: Scope, loc: Loc): boolean {
  return scope.files.some((f) => f.path === loc.file && f.problems.some((p) => sameRange(p.loc, loc)));
}

/** Renaming would collide with a key already under the same operator (duplicate JSON keys: the
 *  last one silently wins). */
export function keyTaken(stmt: Statement, cond: Condition, name: string): boolean {
  return stmt.conditions.some((c) => c !== cond && c.operator === cond.operator && sameRange(c.operatorLoc, cond.operatorLoc) && sameKey(c.key, name));
}

/** Renaming an operator would collide with another operator block of the statement, one whose
 *  conditions could not be read included (a duplicate key either way). */
export function operatorTaken(policy: Policy, stmt: Statement, name: string): boolean {
  if (stmt.conditions.some((c) => c.operator === name)) return true;
  const condition = rawStatement(policy, stmt)?.entries.find((e) => e.key === 'Condition')?.value;
  return condition?.t === 'obj' && condition.entries.some((e) => e.key === name);
}
