// A parameter of an SSM parameter type is resolved by CloudFormation from Parameter Store: its
// Default is the parameter's path, never the value, so it must stay unknown.
import * as assert from 'assert';
import { buildCloudFormationScope } from '../../../server/src/engine/cloudformation';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpceId:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /network/s3-vpce-id
  Plain:
    Type: String
    Default: vpce-0123456789abcdef0
Resources:
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: data
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource: arn:aws:s3:::data/*
            Condition:
              StringNotEquals:
                aws:SourceVpce: [!Ref VpceId, !Ref Plain]
`;

describe('CloudFormation SSM parameter types', () => {
  it('leaves a Ref to an SSM parameter unknown and resolves a plain one to its default', () => {
    const scope = buildCloudFormationScope({ path: '/t.yaml', text: TEMPLATE }, {});
    const policy = scope.byKey.get('Policy')!.policies![0];
    const values = policy.statements[0].conditions[0].values;
    const list = values.length === 1 && values[0].t === 'list' ? values[0].items : values;
    assert.deepStrictEqual(list.map((v) => (v.t === 'str' ? v.v : `<${v.t}: ${v.t === 'unknown' ? v.why : ''}>`)), ['<unknown: SSM parameter VpceId>', 'vpce-0123456789abcdef0']);
  });
});
