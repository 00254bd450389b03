// Module calls as `handoff` resources, resource policies of queues, topics, keys, secrets and REST
// APIs, and subnet zone ids.
import { strict as assert } from 'assert';
import { DIR, plain, range, ready, res, scopeOf } from './helpers';

const NETWORK = [
  'resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }',
  'resource "aws_subnet" "private" {',
  '  count  = 2',
  '  vpc_id = aws_vpc.main.id',
  '}',
  'resource "aws_security_group" "endpoints" { vpc_id = aws_vpc.main.id }',
  'locals { vpc = aws_vpc.main.id }',
].join('\n');

describe('terraform module calls (handoff)', () => {
  before(ready);

  it('maps a module block to a handoff holding every reference of its arguments', () => {
    const s = scopeOf({
      'main.tf': NETWORK,
      'endpoints.tf': [
        'module "endpoints" {',
        '  source             = "terraform-aws-modules/vpc/aws//modules/vpc-endpoints"',
        '  version            = "~> 5.0"',
        '  vpc_id             = local.vpc',
        '  security_group_ids = [aws_security_group.endpoints.id]',
        '  endpoints = {',
        '    ssm = { service = "ssm", subnet_ids = aws_subnet.private[*].id }',
        '    s3  = { service = "s3", tags = { Name = "s3-${aws_vpc.main.id}" } }',
        '  }',
        '  depends_on = [aws_vpc.main]',
        '}',
      ].join('\n'),
    });
    const h = res(s, 'module.endpoints');
    assert.equal(h.kind, 'handoff');
    assert.equal(h.nativeType, 'module');
    assert.equal(h.displayName, 'module.endpoints');
    assert.deepEqual(h.nameLoc, { file: `${DIR}/endpoints.tf`, range: range(0, 8, 0, 17) });
    assert.equal(plain(h.props.source), 'terraform-aws-modules/vpc/aws//modules/vpc-endpoints');
    const refs = h.props.refs;
    assert.equal(refs?.t, 'list');
    const targets = refs.t === 'list' ? refs.items.map((i) => (i.t === 'ref' ? i.target : i.t)) : [];
    // The local resolves to the VPC; the splat names the resource and each of its instances.
    assert.deepEqual(targets.sort(), [
      'aws_security_group.endpoints', 'aws_subnet.private', 'aws_subnet.private[0]', 'aws_subnet.private[1]', 'aws_vpc.main',
    ]);
    const sg = refs.t === 'list' ? refs.items.find((i) => i.t === 'ref' && i.target === 'aws_security_group.endpoints') : undefined;
    assert.deepEqual(sg?.loc, { file: `${DIR}/endpoints.tf`, range: range(4, 24, 4, 52) });
  });

  it('leaves out meta-arguments and references to what the module does not declare', () => {
    const s = scopeOf({
      'main.tf': [
        NETWORK,
        'module "vpc" {',
        '  source     = "./vpc"',
        '  count      = length(aws_subnet.private)',
        '  depends_on = [aws_vpc.main]',
        '  providers  = { aws = aws.west }',
        '  name       = var.name',
        '  peer       = module.other.vpc_id',
        '  zone       = data.aws_route53_zone.main.id',
        '}',
      ].join('\n'),
    });
    const h = res(s, 'module.vpc');
    assert.deepEqual(plain(h.props.refs), []);
    assert.equal(plain(h.props.source), './vpc');
  });

  it('reads module blocks of .tf.json files', () => {
    const s = scopeOf({
      'main.tf': NETWORK,
      'mods.tf.json': JSON.stringify({ module: { dns: { source: './dns', vpc_id: '${aws_vpc.main.id}' } } }, null, 2),
    });
    assert.deepEqual(plain(res(s, 'module.dns').props.refs), ['aws_vpc.main']);
  });
});

describe('terraform resource policies', () => {
  before(ready);

  const POLICY = 'jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "*", Resource = "*", Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1a2b3c4d" } } }] })';

  it('reads queue, topic, key, secret and REST API policies as resource policies', () => {
    const types = [
      'aws_sqs_queue_policy', 'aws_sqs_queue', 'aws_sns_topic_policy', 'aws_sns_topic', 'aws_kms_key',
      'aws_secretsmanager_secret_policy', 'aws_secretsmanager_secret', 'aws_api_gateway_rest_api_policy', 'aws_api_gateway_rest_api',
    ];
    const s = scopeOf({ 'main.tf': types.map((t) => `resource "${t}" "x" {\n  policy = ${POLICY}\n}`).join('\n') });
    assert.deepEqual(s.policies.map((p) => [p.owner, p.kind]), types.map((t) => [`${t}.x`, 'resource']));
    const [queue] = s.policies;
    assert.deepEqual(queue.statements[0].conditions.map((c) => [c.operator, c.key, plain(c.values[0])]), [['StringEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d']]);
    assert.deepEqual(queue.loc, { file: `${DIR}/main.tf`, range: range(1, 11 + 'jsonencode('.length, 1, 11 + POLICY.length - 1) });
  });

  it('reads nothing from a key or queue without a policy', () => {
    const s = scopeOf({ 'main.tf': 'resource "aws_kms_key" "k" { description = "k" }\nresource "aws_sqs_queue" "q" { name = "q" }' });
    assert.deepEqual(s.policies, []);
  });
});

describe('terraform subnet zone ids', () => {
  before(ready);

  it('reads availability_zone_id beside availability_zone', () => {
    const s = scopeOf({
      'main.tf': [
        'resource "aws_subnet" "a" { availability_zone_id = "euw1-az1" }',
        'resource "aws_subnet" "b" { availability_zone = "eu-west-1b" }',
      ].join('\n'),
    });
    assert.equal(plain(res(s, 'aws_subnet.a').props.az_id), 'euw1-az1');
    assert.equal(res(s, 'aws_subnet.a').props.az, undefined);
    assert.deepEqual(res(s, 'aws_subnet.a').propKeyLocs.az_id, { file: `${DIR}/main.tf`, range: range(0, 28, 0, 48) });
    assert.equal(res(s, 'aws_subnet.b').props.az_id, undefined);
  });
});
