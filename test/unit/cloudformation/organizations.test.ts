import { strict as assert } from 'assert';
import { buildCloudFormationScope } from '../../../server/src/engine/cloudformation';
import { rangeOf } from './helpers';

const TEMPLATE = `Parameters:
  Kind: {Type: String}
Resources:
  Scp:
    Type: AWS::Organizations::Policy
    Properties:
      Name: deny-leave
      Type: SERVICE_CONTROL_POLICY
      Content:
        Version: '2012-10-17'
        Statement:
          - Effect: Deny
            Action: organizations:LeaveOrganization
            Resource: '*'
  Rcp:
    Type: AWS::Organizations::Policy
    Properties:
      Name: perimeter
      Type: RESOURCE_CONTROL_POLICY
      Content: '{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"StringNotEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}'
  Tags:
    Type: AWS::Organizations::Policy
    Properties:
      Name: tags
      Type: TAG_POLICY
      Content: {tags: {team: {tag_key: {'@@assign': Team}}}}
  Unsure:
    Type: AWS::Organizations::Policy
    Properties:
      Name: unsure
      Type: !Ref Kind
      Content: {Statement: [{Effect: Deny, Action: '*', Resource: '*'}]}
`;

describe('cloudformation AWS::Organizations::Policy', () => {
  it('reads Content of SCPs as identity and of RCPs as resource policies; other types are not IAM documents', () => {
    const s = buildCloudFormationScope({ path: 't.yaml', text: TEMPLATE }, {});
    const byOwner = new Map(s.policies.map((p) => [p.owner, p]));
    assert.deepEqual([...byOwner.keys()].sort(), ['Rcp', 'Scp', 'Unsure']);
    const scp = byOwner.get('Scp')!;
    assert.equal(scp.kind, 'identity');
    assert.equal(scp.syntax, 'yaml');
    assert.deepEqual(scp.statements[0].actions.map((a) => a.v), ['organizations:LeaveOrganization']);
    assert.deepEqual(scp.statements[0].actions[0].loc.range, rangeOf(TEMPLATE, 'organizations:LeaveOrganization'));
    const rcp = byOwner.get('Rcp')!;
    assert.equal(rcp.kind, 'resource');
    assert.equal(rcp.syntax, 'json');
    assert.equal(rcp.statements[0].conditions[0].key, 'aws:SourceVpce');
    assert.deepEqual(rcp.statements[0].conditions[0].keyLoc.range, rangeOf(TEMPLATE, 'aws:SourceVpce'));
    assert.equal(byOwner.get('Unsure')!.kind, 'standalone', 'a type not known is judged by name');
    assert.equal(s.byKey.has('Scp'), false);
  });
});
