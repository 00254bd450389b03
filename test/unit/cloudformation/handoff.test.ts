// Nested stacks as `handoff` resources, resource policies of queues, topics, keys, secrets and
// REST APIs, and subnet zone ids.
import { strict as assert } from 'assert';
import { buildCloudFormationScope } from '../../../server/src/engine/cloudformation';
import type { RefVal, Scope } from '../../../server/src/engine/model';
import { plain, rangeOf } from './helpers';

const build = (text: string, path = 't.yaml'): Scope => buildCloudFormationScope({ path, text }, {});

const refsOf = (scope: Scope, key: string): string[] => {
  const refs = scope.byKey.get(key)!.props.refs;
  assert.equal(refs?.t, 'list');
  return refs.t === 'list' ? refs.items.map((r) => { const ref = r as RefVal; return ref.attr ? `${ref.target}.${ref.attr}` : ref.target; }) : [];
};

const NETWORK = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, AvailabilityZoneId: euw1-az1}
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, AvailabilityZone: !Select [1, !GetAZs '']}
`;

describe('CloudFormation nested stacks (handoff)', () => {
  it('maps AWS::CloudFormation::Stack with every reference of its Parameters', () => {
    const text = `${NETWORK}  Endpoints:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: https://example.com/endpoints.yaml
      Parameters:
        VpcId: !Ref Vpc
        SubnetIds: !Join [',', [!Ref SubnetA, !Ref SubnetB]]
        Name: !Sub '\${AWS::StackName}-\${SubnetA.VpcId}'
        Other: !If [IsProd, !GetAtt SubnetB.VpcId, !Ref NoSuchThing]
      Tags: [{Key: vpc, Value: !Ref Vpc}]
`;
    const scope = build(text);
    const h = scope.byKey.get('Endpoints')!;
    assert.equal(h.kind, 'handoff');
    assert.equal(plain(h.props.source), 'https://example.com/endpoints.yaml');
    assert.deepEqual(refsOf(scope, 'Endpoints'), ['Vpc', 'SubnetA', 'SubnetB', 'SubnetA.VpcId', 'SubnetB.VpcId']);
    assert.deepEqual(h.props.refs!.loc.range.start, rangeOf(text, 'VpcId: !Ref Vpc\n        SubnetIds').start);
    assert.deepEqual((h.props.refs as { items: RefVal[] }).items[1].loc.range, rangeOf(text, '!Ref SubnetA'));
  });

  it('maps AWS::Serverless::Application in JSON; a stack without Parameters hands nothing', () => {
    const scope = build(JSON.stringify({
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } },
        Dns: { Type: 'AWS::Serverless::Application', Properties: { Location: 'dns.yaml', Parameters: { Vpc: { 'Fn::Sub': '${Vpc}' } } } },
        Empty: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'x.yaml' } },
      },
    }, null, 2), 't.json');
    assert.equal(scope.byKey.get('Dns')!.kind, 'handoff');
    assert.equal(plain(scope.byKey.get('Dns')!.props.source), 'dns.yaml');
    assert.deepEqual(refsOf(scope, 'Dns'), ['Vpc']);
    assert.deepEqual(refsOf(scope, 'Empty'), []);
  });
});

describe('CloudFormation resource policies', () => {
  const DOC = `
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: '*'
            Resource: '*'
            Condition: {StringEquals: {'aws:SourceVpce': vpce-1a2b3c4d}}`;

  it('reads queue, topic, key, secret and REST API policies as resource policies', () => {
    const types: [string, string][] = [
      ['AWS::SQS::QueuePolicy', 'PolicyDocument'], ['AWS::SNS::TopicPolicy', 'PolicyDocument'], ['AWS::KMS::Key', 'KeyPolicy'],
      ['AWS::SecretsManager::ResourcePolicy', 'ResourcePolicy'], ['AWS::ApiGateway::RestApi', 'Policy'],
    ];
    const text = `Resources:\n${types.map(([type, prop], i) => `  R${i}:\n    Type: ${type}\n    Properties:\n      ${prop}:${DOC}\n`).join('')}`;
    const scope = build(text);
    assert.deepEqual(scope.policies.map((p) => [p.owner, p.kind, p.syntax]), types.map((_, i) => [`R${i}`, 'resource', 'yaml']));
    const cond = scope.policies[2].statements[0].conditions[0];
    assert.deepEqual([cond.operator, cond.key, plain(cond.values[0])], ['StringEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d']);
    assert.deepEqual(cond.keyLoc.range, rangeOf(text, 'aws:SourceVpce', 2));
  });

  it('reads a REST API policy written as a JSON string, and nothing from a Lambda permission', () => {
    const policy = '{"Statement":[{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-0a1b"}}}]}';
    const text = `Resources:\n  Api:\n    Type: AWS::ApiGateway::RestApi\n    Properties:\n      Policy: '${policy}'\n  Perm:\n    Type: AWS::Lambda::Permission\n    Properties: {Action: 'lambda:InvokeFunction', Principal: '*', FunctionName: f}\n`;
    const scope = build(text);
    assert.equal(scope.policies.length, 1);
    const [p] = scope.policies;
    assert.equal(p.owner, 'Api');
    assert.equal(p.syntax, 'json');
    assert.deepEqual(p.statements[0].conditions[0].keyLoc.range, rangeOf(text, 'aws:SourceVpce'));
  });
});

describe('CloudFormation subnet zones', () => {
  it('reads AvailabilityZoneId as az_id and !Select [i, !GetAZs] as a zone index', () => {
    const scope = build(NETWORK);
    const a = scope.byKey.get('SubnetA')!;
    assert.equal(plain(a.props.az_id), 'euw1-az1');
    assert.equal(a.props.az, undefined);
    assert.deepEqual(a.propKeyLocs.az_id?.range, rangeOf(NETWORK, 'AvailabilityZoneId'));
    const b = scope.byKey.get('SubnetB')!.props.az;
    assert.equal(b?.t === 'str' ? b.azIndex : undefined, 1);
  });

  it('reads the block form with an empty !GetAZs', () => {
    const scope = build('Resources:\n  S:\n    Type: AWS::EC2::Subnet\n    Properties:\n      AvailabilityZone: !Select\n        - 2\n        - !GetAZs\n');
    const az = scope.byKey.get('S')!.props.az;
    assert.equal(az?.t === 'str' ? az.azIndex : undefined, 2);
  });
});
