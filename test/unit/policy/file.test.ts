import { strict as assert } from 'assert';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { applyEdits } from '../../../server/src/engine/edits';
import { buildPolicyScope, looksLikePolicy } from '../../../server/src/engine/policy/file';

const corpus = '/work/shared/corpus/policies';

function jsonFiles(dir: string): string[] {
  let names: string[];
  try { names = readdirSync(dir); } catch { return []; }
  return names.flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? jsonFiles(p) : n.endsWith('.json') ? [p] : [];
  });
}

describe('policy files', () => {
  it('builds a scope for every corpus policy, with every statement read', function () {
    const files = jsonFiles(corpus);
    if (files.length === 0) this.skip();
    assert.ok(files.length >= 29, `${files.length} files`);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      assert.ok(looksLikePolicy(text), path);
      const scope = buildPolicyScope({ path, text });
      assert.equal(scope.format, 'policy');
      assert.deepEqual(scope.files[0].problems, [], path);
      assert.equal(scope.policies.length, 1, path);
      const doc = JSON.parse(text);
      const expected = Array.isArray(doc.Statement) ? doc.Statement.length : 1;
      assert.equal(scope.policies[0].statements.length, expected, path);
      for (const s of scope.policies[0].statements) assert.equal(s.complete, true, `${path} ${s.sid?.v}`);
    }
  });

  it('sniffs policy documents by content', () => {
    assert.ok(looksLikePolicy('{"Version":"2012-10-17","Statement":[]}'));
    assert.ok(looksLikePolicy('\uFEFF  {\n "Statement": [ { "Effect": "Al'), 'half-typed');
    assert.ok(!looksLikePolicy('{"name":"pkg","version":"1.0.0"}'));
    assert.ok(!looksLikePolicy('{"Resources":{"P":{"Properties":{"PolicyDocument":{"Statement":[]}}}}}'), 'nested Statement only');
    assert.ok(!looksLikePolicy('["Statement"]'));
    assert.ok(!looksLikePolicy(''));
  });

  it('reports broken input with ranges instead of throwing', () => {
    const inputs = ['{"Statement": [ {"Effect": "Allow", ', '{"Statement": {"Action": "s3:*",}}', '\u0000\u0001{', '['.repeat(5000), `{"Statement":[${'{"Effect":"Allow","Action":"*"},'.repeat(20000)}{}]}`];
    for (const text of inputs) {
      const scope = buildPolicyScope({ path: 'broken.json', text });
      assert.equal(scope.files.length, 1);
      if (text.length < 100) assert.ok(scope.files[0].problems.length > 0, JSON.stringify(text));
      for (const p of scope.files[0].problems) assert.equal(p.loc.file, 'broken.json');
    }
    const partial = buildPolicyScope({ path: 'p.json', text: '{"Statement": [ {"Effect": "Allow", "Action": "s3:GetObject"' });
    assert.equal(partial.policies[0].statements[0].actions[0].v, 's3:GetObject');
  });

  it('adds a condition to a statement, merging into an existing operator block', () => {
    const text = [
      '{',
      '    "Statement": [',
      '        {',
      '            "Effect": "Deny",',
      '            "Action": "s3:*",',
      '            "Condition": {',
      '                "StringNotEquals": {',
      '                    "aws:SourceVpce": "vpce-1a2b3c4d"',
      '                }',
      '            }',
      '        },',
      '        {',
      '            "Effect": "Allow",',
      '            "Action": "s3:GetObject"',
      '        }',
      '    ]',
      '}',
    ].join('\n');
    const scope = buildPolicyScope({ path: 'p.json', text });
    const [policy] = scope.policies;
    const [deny, allow] = policy.statements;

    const merged = applyEdits(text, scope.editor.addCondition(policy, deny, 'StringNotEquals', 'aws:SourceVpce', { str: 'vpce-0123abcd' }));
    assert.deepEqual(JSON.parse(merged).Statement[0].Condition, { StringNotEquals: { 'aws:SourceVpce': ['vpce-1a2b3c4d', 'vpce-0123abcd'] } });
    assert.equal(merged, text.replace('"vpce-1a2b3c4d"', '["vpce-1a2b3c4d", "vpce-0123abcd"]'), 'only the merged value changes');

    const sibling = applyEdits(text, scope.editor.addCondition(policy, deny, 'StringNotEquals', 'aws:PrincipalArn', { list: [{ str: 'arn:aws:iam::*:role/Admin' }] }));
    assert.deepEqual(JSON.parse(sibling).Statement[0].Condition.StringNotEquals, { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:PrincipalArn': ['arn:aws:iam::*:role/Admin'] });

    const added = applyEdits(text, scope.editor.addCondition(policy, allow, 'Bool', 'aws:SecureTransport', { str: 'true' }));
    assert.deepEqual(JSON.parse(added).Statement[1], { Effect: 'Allow', Action: 's3:GetObject', Condition: { Bool: { 'aws:SecureTransport': 'true' } } });
    assert.equal(added, text.replace('"Action": "s3:GetObject"\n', [
      '"Action": "s3:GetObject",',
      '            "Condition": {',
      '                "Bool": {',
      '                    "aws:SecureTransport": "true"',
      '                }',
      '            }',
      '',
    ].join('\n')), 'one entry added in the file\'s 4-space indentation, nothing else touched');

    assert.deepEqual(scope.editor.addCondition(policy, allow, 'StringEquals', 'aws:SourceVpc', { refs: ['aws_vpc.main'] }), [], 'no references in a policy file');
  });

  it('replaces text at a location', () => {
    const text = '{"Statement":{"Effect":"Deny","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}';
    const scope = buildPolicyScope({ path: 'p.json', text });
    const cond = scope.policies[0].statements[0].conditions[0];
    const fixed = applyEdits(text, scope.editor.replace(cond.keyLoc, 'aws:VpcSourceIp'));
    assert.equal(fixed, text.replace('aws:SourceIp', 'aws:VpcSourceIp'));
  });
});
