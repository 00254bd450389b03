import { strict as assert } from 'assert';
import { closestConditionKey, closestOperator, conditionKeyInfo, parseOperator, sameKey } from '../../../server/src/engine/policy/keys';

describe('condition keys', () => {
  it('knows endpoint keys in any case, with their value arity', () => {
    assert.deepEqual(conditionKeyInfo('aws:sourcevpce'), { name: 'aws:SourceVpce', multiValued: false, endpointRelated: true });
    assert.equal(conditionKeyInfo('aws:VpcSourceIP')?.name, 'aws:VpcSourceIp');
    assert.equal(conditionKeyInfo('AWS:PrincipalOrgId')?.name, 'aws:PrincipalOrgID');
    assert.equal(conditionKeyInfo('aws:CalledVia')?.multiValued, true);
    assert.equal(conditionKeyInfo('aws:TagKeys')?.multiValued, true);
    assert.equal(conditionKeyInfo('aws:SourceVpc')?.multiValued, false);
    assert.equal(conditionKeyInfo('aws:PrincipalArn')?.endpointRelated, false);
    assert.equal(conditionKeyInfo('aws:ResourceTag/dp:exclude:network')?.name, 'aws:ResourceTag/dp:exclude:network');
    assert.equal(conditionKeyInfo('aws:SourceVpcId'), undefined);
    assert.equal(conditionKeyInfo('s3:x-amz-acl'), undefined);
    assert.ok(sameKey('aws:SourceVpce', 'AWS:SOURCEVPCE'));
  });
  it('suggests the key a typo meant', () => {
    assert.equal(closestConditionKey('aws:SourceVpcId'), 'aws:SourceVpc');
    assert.equal(closestConditionKey('aws:sourceVpcEndpoint'), 'aws:SourceVpce');
    assert.equal(closestConditionKey('aws:SourceVpceId'), 'aws:SourceVpce');
    assert.equal(closestConditionKey('aws:SourceIpAddress'), 'aws:SourceIp');
    assert.equal(closestConditionKey('aws:PrincipleArn'), 'aws:PrincipalArn');
    assert.equal(closestConditionKey('aws:VpcSourceIP'), undefined, 'known key in another case');
    assert.equal(closestConditionKey('s3:prefix'), undefined, 'service keys are not judged');
    assert.equal(closestConditionKey('aws:CompletelyDifferent'), undefined);
  });
});

describe('condition operators', () => {
  it('parses set prefixes and IfExists', () => {
    const p = parseOperator('ForAnyValue:StringNotEqualsIfExists');
    assert.deepEqual([p.known, p.set, p.base, p.ifExists, p.negated, p.canonical],
      [true, 'ForAnyValue', 'StringNotEquals', true, true, 'ForAnyValue:StringNotEqualsIfExists']);
    assert.equal(parseOperator('NotIpAddress').negated, true);
    assert.equal(parseOperator('Bool').negated, false);
    assert.equal(parseOperator('stringequals').canonical, 'StringEquals');
    for (const bad of ['StringEqual', 'NullIfExists', 'ForAnyValues:StringLike', 'IfExists', 'Foo:Bool', '']) {
      assert.equal(parseOperator(bad).known, false, bad);
    }
  });
  it('suggests the operator a typo meant', () => {
    assert.equal(closestOperator('StringEqual'), 'StringEquals');
    assert.equal(closestOperator('StringEqualsIfExist'), 'StringEqualsIfExists');
    assert.equal(closestOperator('ForAnyValues:StringLike'), 'ForAnyValue:StringLike');
    assert.equal(closestOperator('IPAddres'), 'IpAddress');
    assert.equal(closestOperator('StringEquals'), undefined);
    assert.equal(closestOperator('Banana'), undefined);
  });
});
