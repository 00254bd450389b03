import { strict as assert } from 'assert';
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseJsonToVal } from '../../../server/src/engine/json';
import { policyFromVal } from '../../../server/src/engine/policy/fromVal';
import type { Range, StrVal, Val } from '../../../server/src/engine/model';

const corpus = '/work/shared/corpus/policies/aws-samples__data-perimeter-policy-examples';
const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });

function policyOf(text: string, file = 'p.json') {
  const { val } = parseJsonToVal(text, file);
  assert.ok(val);
  return policyFromVal(val, 'standalone', 'json');
}
const strs = (vals: readonly Val[]) => vals.map((v) => (v as StrVal).v);

describe('policyFromVal', () => {
  it('reads a real resource control policy with exact condition locations', function () {
    const path = join(corpus, 'resource_control_policies/network_perimeter_sourcevpc_rcp.json');
    let text: string;
    try { text = readFileSync(path, 'utf8'); } catch { this.skip(); }
    const policy = policyOf(text!, path)!;
    assert.equal(policy.kind, 'standalone');
    assert.equal(policy.syntax, 'json');
    assert.equal(policy.statements.length, 3);
    const [s0] = policy.statements;
    assert.equal(s0.complete, true);
    assert.equal(s0.sid?.v, 'EnforceNetworkPerimeterSourceVPC');
    assert.equal(s0.effect?.v, 'Deny');
    assert.equal((s0.principals as StrVal).v, '*');
    assert.equal(s0.actions.length, 12);
    assert.equal(s0.actions[0].v, 'aoss:*');
    assert.deepEqual(s0.actions[0].loc.range, r(8, 8, 8, 16));
    assert.deepEqual(strs(s0.resources), ['*']);
    const vpc = s0.conditions.find((c) => c.key === 'aws:SourceVpc')!;
    assert.equal(vpc.operator, 'StringNotEqualsIfExists');
    assert.deepEqual(vpc.operatorLoc, { file: path, range: r(26, 9, 26, 32) });
    assert.deepEqual(vpc.keyLoc.range, r(27, 11, 27, 24));
    assert.deepEqual(strs(vpc.values), ['<my-vpc>']);
    const accounts = s0.conditions.find((c) => c.key === 'aws:PrincipalAccount')!;
    assert.equal(accounts.values.length, 4);
    assert.deepEqual(accounts.values[0].loc.range, r(30, 12, 30, 41));
    assert.deepEqual(s0.conditions.map((c) => c.operator), [
      'NotIpAddressIfExists', 'StringNotEqualsIfExists', 'StringNotEqualsIfExists', 'StringNotEqualsIfExists',
      'StringNotEqualsIfExists', 'BoolIfExists', 'BoolIfExists', 'ArnNotLikeIfExists', 'StringEquals',
    ]);
  });

  it('reads NotAction, NotResource and NotPrincipal apart from their positive forms', () => {
    const policy = policyOf(JSON.stringify({
      Statement: [{ Effect: 'Deny', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:root'] }, NotAction: ['iam:*'], NotResource: 'arn:aws:s3:::b/*' }],
    }))!;
    const [s] = policy.statements;
    assert.equal(s.complete, true);
    assert.deepEqual(s.actions, []);
    assert.deepEqual(strs(s.notActions!), ['iam:*']);
    assert.deepEqual(s.resources, []);
    assert.deepEqual(strs(s.notResources!), ['arn:aws:s3:::b/*']);
    assert.equal(s.principals, undefined);
    assert.equal(s.notPrincipals?.t, 'obj');
  });

  it('treats {"AWS": "*"} as the "*" principal and keeps other principals as written', () => {
    const policy = policyOf('{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"}}')!;
    const p = policy.statements[0].principals as StrVal;
    assert.equal(p.t, 'str');
    assert.equal(p.v, '*');
    assert.deepEqual(p.loc.range, r(0, 50, 0, 53));
    const svc = policyOf('{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}')!;
    assert.equal(svc.statements[0].principals?.t, 'obj');
  });

  it('marks statements incomplete instead of guessing, and never throws', () => {
    const policy = policyOf('{"Statement":[{"Effect":1,"Action":[2,"s3:*"],"Resource":null,"Condition":{"StringEquals":"x"}}, 7]}')!;
    assert.equal(policy.statements.length, 2);
    const [s, bad] = policy.statements;
    assert.equal(s.complete, false);
    assert.equal(s.effect, undefined);
    assert.deepEqual(strs(s.actions), ['s3:*']);
    assert.deepEqual(s.conditions, []);
    assert.equal(bad.complete, false);
    const nullValue = policyOf('{"Statement":{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Null":{"aws:SourceVpce":null}}}}')!;
    assert.equal(nullValue.statements[0].complete, false);
    assert.equal(nullValue.statements[0].conditions[0].key, 'aws:SourceVpce');
  });

  it('returns undefined for values that are not a policy', () => {
    for (const text of ['[]', '"x"', '{"Version":"2012-10-17"}', '{"statement":[]}']) {
      const { val } = parseJsonToVal(text, 'x.json');
      assert.equal(policyFromVal(val!, 'standalone', 'json'), undefined, text);
    }
  });

  it('keeps the owner, kind and whole document', () => {
    const { val } = parseJsonToVal('{"Statement":[]}', 'x.json');
    const policy = policyFromVal(val!, 'endpoint', 'hcl-object', 'aws_vpc_endpoint.s3')!;
    assert.deepEqual([policy.kind, policy.syntax, policy.owner, policy.statements.length], ['endpoint', 'hcl-object', 'aws_vpc_endpoint.s3', 0]);
    assert.equal(policy.doc, val);
  });
});
