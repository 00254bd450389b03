import { strict as assert } from 'assert';
import { applyEdits } from '../../../server/src/engine/edits';
import { REGION, type Scope, type TextEdit } from '../../../server/src/engine/model';
import { DIR, plain, ready, res, scopeOf } from './helpers';

const FILE = `${DIR}/main.tf`;

function apply(scope: Scope, edits: TextEdit[], file = FILE): string {
  assert.ok(edits.length > 0, 'expected edits');
  const text = scope.files.find((f) => f.path === file)!.text;
  return applyEdits(text, edits.filter((e) => e.file === file));
}

/** The edited text parses cleanly; returns its scope. */
function reparse(text: string): Scope {
  const s = scopeOf({ 'main.tf': text });
  assert.deepEqual(s.files[0].problems, [], text);
  return s;
}

describe('terraform editor', () => {
  before(ready);

  const MAIN = [
    'provider "aws" { region = "eu-west-1" }',
    'data "aws_region" "current" {}',
    'resource "aws_vpc" "v" {',
    '  cidr_block = "10.0.0.0/16"',
    '}',
    'resource "aws_subnet" "a" { vpc_id = aws_vpc.v.id }',
    'resource "aws_vpc_endpoint" "ssm" {',
    '  vpc_id              = aws_vpc.v.id',
    '  service_name        = "com.amazonaws.eu-west-1.ssm"',
    '  route_table_ids     = ["rtb-1"] # gateway only',
    '}',
    '',
  ].join('\n');

  it('sets an absent property at the end of the block with its indentation, and replaces a present one', () => {
    const s = scopeOf({ 'main.tf': MAIN });
    const ep = res(s, 'aws_vpc_endpoint.ssm');
    const text = apply(s, [...s.editor.setProp(ep, 'type', { str: 'Interface' }), ...s.editor.setProp(ep, 'private_dns', { bool: true })]);
    assert.ok(text.includes('  route_table_ids     = ["rtb-1"] # gateway only\n  vpc_endpoint_type = "Interface"\n  private_dns_enabled = true\n}'), text);
    const after = res(reparse(text), 'aws_vpc_endpoint.ssm');
    assert.equal(plain(after.props.type), 'Interface');
    assert.equal(after.defaulted, undefined);

    const replaced = apply(s, s.editor.setProp(ep, 'subnets', { refs: ['aws_subnet.a'] }));
    assert.equal(plain(res(reparse(replaced), 'aws_vpc_endpoint.ssm').props.subnets)?.toString(), 'aws_subnet.a.id');
    const vpc = res(s, 'aws_vpc.v');
    const dns = apply(s, s.editor.setProp(vpc, 'dns_hostnames', { bool: true }));
    assert.equal(plain(res(reparse(dns), 'aws_vpc.v').props.dns_hostnames), true);
  });

  it('expands a one-line block before adding to it', () => {
    const s = scopeOf({ 'main.tf': 'resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }\nresource "aws_vpc" "w" {}\n' });
    const t1 = apply(s, s.editor.setProp(res(s, 'aws_vpc.v'), 'dns_hostnames', { bool: true }));
    assert.equal(t1.split('\n').slice(0, 4).join('\n'), 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n  enable_dns_hostnames = true\n}');
    reparse(t1);
    const t2 = apply(s, s.editor.setProp(res(s, 'aws_vpc.w'), 'dns_support', { bool: true }));
    assert.ok(t2.endsWith('resource "aws_vpc" "w" {\n  enable_dns_support = true\n}\n'), t2);
    reparse(t2);
  });

  it('removes a whole attribute line including its trailing comment', () => {
    const s = scopeOf({ 'main.tf': MAIN });
    const text = apply(s, s.editor.removeProp(res(s, 'aws_vpc_endpoint.ssm'), 'route_tables'));
    assert.ok(text.includes('  service_name        = "com.amazonaws.eu-west-1.ssm"\n}'), text);
    assert.ok(!text.includes('gateway only'));
    assert.equal(res(reparse(text), 'aws_vpc_endpoint.ssm').props.route_tables, undefined);
  });

  it('inserts a resource after another, with a unique name and the region expression', () => {
    const s = scopeOf({ 'main.tf': MAIN });
    const ep = res(s, 'aws_vpc_endpoint.ssm');
    const edits = s.editor.insertResource(ep, {
      kind: 'endpoint', name: 'ssm',
      props: {
        vpc: { raw: 'aws_vpc.v.id' },
        service_name: { regionTemplate: ['com.amazonaws.', REGION, '.ssmmessages'] },
        type: { str: 'Interface' },
        subnets: { refs: ['aws_subnet.a'] },
        private_dns: { bool: true },
      },
    });
    const text = apply(s, edits);
    const after = reparse(text);
    const added = res(after, 'aws_vpc_endpoint.ssm_2');
    assert.equal(plain(added.props.service_name), 'com.amazonaws.eu-west-1.ssmmessages');
    assert.deepEqual(plain(added.props.subnets), ['aws_subnet.a.id']);
    assert.equal(text, `${MAIN.trimEnd()}

resource "aws_vpc_endpoint" "ssm_2" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.\${data.aws_region.current.region}.ssmmessages"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.a.id]
  private_dns_enabled = true
}
`);
  });

  it('declares data.aws_region when the module has no region expression', () => {
    const s = scopeOf({ 'main.tf': 'resource "aws_vpc_endpoint" "e" {\n  service_name = "com.amazonaws.us-east-1.s3"\n}\n' });
    const text = apply(s, s.editor.setProp(res(s, 'aws_vpc_endpoint.e'), 'service_name', { regionTemplate: ['com.amazonaws.', REGION, '.s3'] }));
    assert.equal(text, 'data "aws_region" "current" {}\n\nresource "aws_vpc_endpoint" "e" {\n  service_name = "com.amazonaws.${data.aws_region.current.region}.s3"\n}\n');
    reparse(text);
  });

  it('adds conditions to jsonencode objects, merging into an existing operator', () => {
    const src = [
      'resource "aws_s3_bucket_policy" "p" {',
      '  policy = jsonencode({',
      '    Statement = [{',
      '      Effect    = "Deny"',
      '      Principal = "*"',
      '      Action    = "s3:*"',
      '      Resource  = "*"',
      '      Condition = {',
      '        StringNotEquals = {',
      '          "aws:SourceVpce" = "vpce-11111111"',
      '        }',
      '      }',
      '    }, {',
      '      Effect = "Allow"',
      '      Action = "s3:GetObject"',
      '    }]',
      '  })',
      '}',
    ].join('\n');
    const s = scopeOf({ 'main.tf': src });
    const [p] = res(s, 'aws_s3_bucket_policy.p').policies!;
    const t1 = apply(s, s.editor.addCondition(p, p.statements[0], 'ArnNotLike', 'aws:PrincipalArn', { str: 'arn:aws:iam::*:role/Admin' }));
    const c1 = res(reparse(t1), 'aws_s3_bucket_policy.p').policies![0].statements[0].conditions;
    assert.deepEqual(c1.map((c) => [c.operator, c.key, c.values.map(plain)]), [
      ['StringNotEquals', 'aws:SourceVpce', ['vpce-11111111']], ['ArnNotLike', 'aws:PrincipalArn', ['arn:aws:iam::*:role/Admin']],
    ]);
    const t2 = apply(s, s.editor.addCondition(p, p.statements[0], 'StringNotEquals', 'aws:SourceVpce', { list: [{ str: 'vpce-22222222' }] }));
    assert.deepEqual(res(reparse(t2), 'aws_s3_bucket_policy.p').policies![0].statements[0].conditions[0].values.map(plain), [['vpce-11111111', 'vpce-22222222']].flat());
    const t3 = apply(s, s.editor.addCondition(p, p.statements[1], 'StringEquals', 'aws:SourceVpc', { str: 'vpc-1' }));
    assert.deepEqual(res(reparse(t3), 'aws_s3_bucket_policy.p').policies![0].statements[1].conditions.map((c) => c.key), ['aws:SourceVpc']);
  });

  it('adds condition blocks to aws_iam_policy_document statements and JSON to heredocs', () => {
    const src = [
      'data "aws_iam_policy_document" "d" {',
      '  statement {',
      '    actions = ["s3:*"]',
      '  }',
      '}',
      'resource "aws_vpc_endpoint" "e" { policy = data.aws_iam_policy_document.d.json }',
      'resource "aws_s3_bucket_policy" "h" {',
      '  policy = <<EOF',
      '{',
      '  "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]',
      '}',
      'EOF',
      '}',
    ].join('\n');
    const s = scopeOf({ 'main.tf': src });
    const [doc] = res(s, 'aws_vpc_endpoint.e').policies!;
    const t1 = apply(s, s.editor.addCondition(doc, doc.statements[0], 'StringEquals', 'aws:SourceVpc', { list: [{ str: 'vpc-1' }] }));
    const c1 = res(reparse(t1), 'aws_vpc_endpoint.e').policies![0].statements[0].conditions;
    assert.deepEqual(c1.map((c) => [c.operator, c.key, c.values.map(plain)]), [['StringEquals', 'aws:SourceVpc', ['vpc-1']]]);
    const [h] = res(s, 'aws_s3_bucket_policy.h').policies!;
    const t2 = apply(s, s.editor.addCondition(h, h.statements[0], 'StringEquals', 'aws:SourceVpce', { str: 'vpce-11111111' }));
    const c2 = res(reparse(t2), 'aws_s3_bucket_policy.h').policies![0].statements[0].conditions;
    assert.deepEqual(c2.map((c) => [c.operator, c.key]), [['StringEquals', 'aws:SourceVpce']]);
  });

  const FMT = [
    'resource "aws_subnet" "a" {',
    '  vpc_id = "vpc-1"',
    '}',
    '',
    'resource "aws_vpc_endpoint" "e" {',
    '  vpc_id       = "vpc-1"',
    '  service_name = "com.amazonaws.eu-west-1.ssm"',
    '}',
    '',
  ].join('\n');

  it('aligns added attributes with the aligned run above, realigning it for a longer key as terraform fmt does', () => {
    const s = scopeOf({ 'main.tf': FMT });
    const ep = res(s, 'aws_vpc_endpoint.e');
    const both = apply(s, s.editor.setProps!(ep, [['type', { str: 'Interface' }], ['private_dns', { bool: true }]]));
    assert.equal(both, FMT.replace('  vpc_id       = "vpc-1"\n  service_name = "com.amazonaws.eu-west-1.ssm"\n',
      '  vpc_id              = "vpc-1"\n  service_name        = "com.amazonaws.eu-west-1.ssm"\n'
      + '  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n'));
    assert.equal(plain(res(reparse(both), 'aws_vpc_endpoint.e').props.private_dns), true);
    const shorter = apply(s, s.editor.setProp(ep, 'subnets', { refs: ['aws_subnet.a'] }));
    assert.equal(shorter, FMT.replace('ssm"\n}', 'ssm"\n  subnet_ids   = [aws_subnet.a.id]\n}'));
  });

  it('writes a policy object through jsonencode, whether added or replacing one', () => {
    const policy = { obj: { Version: { str: '2012-10-17' }, Statement: { list: [{ obj: { Effect: { str: 'Allow' }, Action: { str: 's3:GetObject' } } }] } } };
    const s = scopeOf({ 'main.tf': FMT });
    const added = apply(s, s.editor.setProp(res(s, 'aws_vpc_endpoint.e'), 'policy', policy));
    assert.equal(added, FMT.replace('ssm"\n}', `ssm"
  policy       = jsonencode({
    Version   = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "s3:GetObject"
    }]
  })
}`));
    const s2 = reparse(added);
    assert.equal(res(s2, 'aws_vpc_endpoint.e').policies?.[0].statements[0].actions[0].v, 's3:GetObject');
    const replaced = apply(s2, s2.editor.setProp(res(s2, 'aws_vpc_endpoint.e'), 'policy',
      { obj: { Statement: { list: [{ obj: { Effect: { str: 'Deny' } } }] } } }));
    assert.equal(replaced, FMT.replace('ssm"\n}', 'ssm"\n  policy       = jsonencode({\n    Statement = [{\n      Effect = "Deny"\n    }]\n  })\n}'));
  });

  it('edits no block that does not read cleanly: not closed, or holding a syntax error', () => {
    const open = scopeOf({ 'main.tf': 'resource "aws_vpc_endpoint" "e" {\n  vpc_id = "vpc-1"\n  s' });
    assert.deepEqual(open.editor.insertResource(res(open, 'aws_vpc_endpoint.e'), { kind: 'endpoint', name: 'x', props: { vpc: { raw: '"vpc-1"' } } }), []);
    const broken = scopeOf({ 'main.tf': FMT.replace('  vpc_id       = "vpc-1"\n', '  vpc_id       = "vpc-1" "x"\n') });
    assert.ok(broken.files[0].problems.length > 0);
    assert.deepEqual(broken.editor.setProp(res(broken, 'aws_vpc_endpoint.e'), 'private_dns', { bool: true }), []);
    assert.ok(broken.editor.setProp(res(broken, 'aws_subnet.a'), 'az', { str: 'eu-west-1a' }).length > 0, 'a clean block elsewhere is still edited');
    // Rules that place text themselves ask the same question.
    assert.equal(open.editor.readsCleanly!(res(open, 'aws_vpc_endpoint.e').loc), false);
    assert.equal(broken.editor.readsCleanly!(res(broken, 'aws_vpc_endpoint.e').loc), false);
    assert.equal(broken.editor.readsCleanly!(res(broken, 'aws_subnet.a').loc), true);
  });

  it('edits no block read by starting over after an error before it, and still edits those before', () => {
    // A stray `}` puts the rest of the file into one error node: the blocks after it are read by
    // parsing again from the next top-level keyword, and text added there can change that.
    const stray = scopeOf({ 'main.tf': 'resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n}\nresource "aws_subnet" "a" {\n  vpc_id = aws_vpc.v.id\n}\n' });
    assert.ok(stray.files[0].problems.length > 0);
    const after = res(stray, 'aws_subnet.a');
    assert.equal(stray.editor.readsCleanly!(after.loc), false);
    assert.deepEqual(stray.editor.setProp(after, 'az', { str: 'eu-west-1a' }), []);
    const before = res(stray, 'aws_vpc.v');
    assert.equal(stray.editor.readsCleanly!(before.loc), true);
    assert.ok(stray.editor.setProp(before, 'dns_hostnames', { bool: true }).length > 0);
  });

  it('refers to no resource whose address Terraform would reject, in a set or an inserted resource', () => {
    const s = scopeOf({ 'main.tf': MAIN });
    const ep = res(s, 'aws_vpc_endpoint.ssm');
    for (const key of ['aws_route_table.{private', 'aws_route_table.a b', 'aws_subnet.a["${x}"]', 'aws_subnet.a["\\b"]']) {
      assert.deepEqual(s.editor.setProp(ep, 'route_tables', { refs: [key] }), [], key);
      assert.deepEqual(s.editor.setProps!(ep, [['type', { str: 'Gateway' }], ['route_tables', { list: [{ refs: [key] }] }]]), [], key);
      assert.deepEqual(s.editor.insertResource(ep, { kind: 'endpoint', name: 'x', props: { route_tables: { refs: [key] } } }), [], key);
    }
    for (const key of ['aws_route_table.private-a', 'aws_route_table.p[0]', 'aws_route_table.p["eu-west-1a"]', 'aws_route_table.p["a\\"b"]']) {
      const text = apply(s, s.editor.setProp(ep, 'route_tables', { refs: [key] }));
      assert.ok(text.includes(`route_table_ids     = [${key}.id]`), text);
      reparse(text);
    }
  });
});
