import { strict as assert } from 'assert';
import { buildCloudFormationScope } from '../../../server/src/engine/cloudformation';
import type { Resource, StrVal, UnknownVal, Val } from '../../../server/src/engine/model';
import { plain, rangeOf } from './helpers';

const HEADER = [
  'Parameters:',
  '  Env:',
  '    Type: String',
  '    Default: prod',
  '  NoDefault:',
  '    Type: String',
  '  Subnets:',
  '    Type: List<AWS::EC2::Subnet::Id>',
  '    Default: subnet-1,subnet-2',
  'Mappings:',
  '  RegionMap:',
  '    eu-west-1:',
  '      Svc: com.amazonaws.eu-west-1.s3',
  'Resources:',
  '  Vpc:',
  '    Type: AWS::EC2::VPC',
];

/** Builds a template whose VPC endpoint `E` has `ServiceName: <expr>` and returns that value. */
function serviceName(expr: string, region?: string): { val: Val | undefined; text: string; res: Resource } {
  const text = [...HEADER, '  E:', '    Type: AWS::EC2::VPCEndpoint', '    Properties:', `      ServiceName: ${expr}`, ''].join('\n');
  const scope = buildCloudFormationScope({ path: 't.yaml', text }, { region });
  assert.deepEqual(scope.files[0].problems, []);
  const res = scope.byKey.get('E')!;
  return { val: res.props.service_name, text, res };
}

describe('CloudFormation intrinsics', () => {
  it('Ref to a parameter gives its default, located at the Ref with the default as origin', () => {
    const { val, text } = serviceName('!Ref Env');
    assert.equal(val?.t, 'str');
    const s = val as StrVal;
    assert.equal(s.v, 'prod');
    assert.deepEqual(s.loc.range, rangeOf(text, '!Ref Env'));
    assert.deepEqual(s.origin?.range, rangeOf(text, 'prod'));
    assert.deepEqual(s.parts[0].loc.range, rangeOf(text, 'prod'));
  });

  it('Ref to a parameter without default, AWS::AccountId and Fn::ImportValue are unknown', () => {
    assert.deepEqual(plain(serviceName('!Ref NoDefault').val), { unknown: 'parameter NoDefault' });
    assert.deepEqual(plain(serviceName('!Ref AWS::AccountId').val), { unknown: 'AWS::AccountId' });
    assert.deepEqual(plain(serviceName('!Ref AWS::StackName').val), { unknown: 'AWS::StackName' });
    assert.deepEqual(plain(serviceName('!ImportValue SharedName').val), { unknown: 'Fn::ImportValue' });
    assert.deepEqual(plain(serviceName('{"Fn::ImportValue": SharedName}').val), { unknown: 'Fn::ImportValue' });
  });

  it('Ref to a list parameter gives the list of its default', () => {
    const text = [...HEADER, '  S:', '    Type: AWS::Lambda::Function', '    Properties:', '      VpcConfig:', '        SubnetIds: !Ref Subnets', ''].join('\n');
    const scope = buildCloudFormationScope({ path: 't.yaml', text }, {});
    const subnets = scope.byKey.get('S')!.props.subnets;
    assert.deepEqual(plain(subnets), ['subnet-1', 'subnet-2']);
    assert.equal(subnets?.t === 'list' && subnets.complete, true);
    assert.deepEqual(subnets?.t === 'list' && subnets.items[1].loc.range, rangeOf(text, 'subnet-2'));
  });

  it('Ref to a resource is a reference; GetAtt in both forms keeps the attribute', () => {
    assert.deepEqual(plain(serviceName('!Ref Vpc').val), { ref: 'Vpc' });
    assert.deepEqual(plain(serviceName('!GetAtt Vpc.CidrBlock').val), { ref: 'Vpc.CidrBlock' });
    assert.deepEqual(plain(serviceName('{"Fn::GetAtt": [Vpc, DefaultSecurityGroup]}').val), { ref: 'Vpc.DefaultSecurityGroup' });
    assert.deepEqual(plain(serviceName('!GetAtt Missing.Arn').val), { unknown: 'Fn::GetAtt' });
  });

  it('AWS::Region is an unknown deployment region, or the given region in a region part', () => {
    const unknown = serviceName('!Ref AWS::Region').val as UnknownVal;
    assert.deepEqual([unknown.t, unknown.why, unknown.isRegion], ['unknown', 'AWS::Region', true]);
    const { val, text } = serviceName('!Ref AWS::Region', 'eu-west-1');
    const s = val as StrVal;
    assert.equal(s.v, 'eu-west-1');
    assert.deepEqual(s.parts, [{ expr: 'AWS::Region', value: 'eu-west-1', isRegion: true, loc: { file: 't.yaml', range: rangeOf(text, '!Ref AWS::Region') } }]);
  });

  it('AWS::Partition is known only with a known region', () => {
    assert.deepEqual(plain(serviceName('!Ref AWS::Partition').val), { unknown: 'AWS::Partition' });
    assert.equal((serviceName('!Ref AWS::Partition', 'cn-north-1').val as StrVal).v, 'aws-cn');
    assert.equal((serviceName('!Ref AWS::Partition', 'us-gov-west-1').val as StrVal).v, 'aws-us-gov');
    assert.equal((serviceName('!Ref AWS::Partition', 'eu-west-1').val as StrVal).v, 'aws');
  });

  it('Fn::Sub splits literal chunks and ${} parts with exact ranges', () => {
    const { val, text } = serviceName("!Sub 'com.amazonaws.${AWS::Region}.s3'");
    const s = val as StrVal;
    assert.equal(s.v, undefined);
    assert.deepEqual(s.loc.range, rangeOf(text, "!Sub 'com.amazonaws.${AWS::Region}.s3'"));
    assert.deepEqual(s.parts.map(p => [p.text, p.expr, p.isRegion]), [
      ['com.amazonaws.', undefined, undefined], [undefined, 'AWS::Region', true], ['.s3', undefined, undefined],
    ]);
    assert.deepEqual(s.parts[0].loc.range, rangeOf(text, 'com.amazonaws.', 1));
    assert.deepEqual(s.parts[1].loc.range, rangeOf(text, '${AWS::Region}'));
    assert.deepEqual(s.parts[2].loc.range, rangeOf(text, '.s3', 1));
  });

  it('Fn::Sub with a region resolves fully; parameters and resources interpolate', () => {
    assert.equal((serviceName("!Sub 'com.amazonaws.${AWS::Region}.s3'", 'eu-west-1').val as StrVal).v, 'com.amazonaws.eu-west-1.s3');
    assert.equal((serviceName('!Sub "${Env}-x"').val as StrVal).v, 'prod-x');
    const withRef = serviceName('!Sub "${Vpc}/${Vpc.CidrBlock}"').val as StrVal;
    assert.equal(withRef.v, undefined);
    assert.deepEqual(withRef.parts.map(p => p.expr ?? p.text), ['Vpc', '/', 'Vpc.CidrBlock']);
  });

  it('Fn::Sub with a variable map, in long form JSON-ish flow style', () => {
    const { val } = serviceName('{"Fn::Sub": ["com.amazonaws.${R}.${S}", {R: !Ref AWS::Region, S: ecr.dkr}]}', 'us-east-1');
    const s = val as StrVal;
    assert.equal(s.v, 'com.amazonaws.us-east-1.ecr.dkr');
    assert.deepEqual(s.parts.map(p => [p.expr, p.value, p.isRegion]), [
      [undefined, undefined, undefined], ['R', 'us-east-1', true], [undefined, undefined, undefined], ['S', 'ecr.dkr', undefined],
    ]);
  });

  it('Fn::Sub ${!Literal} is literal text, and a variable naming itself does not loop', () => {
    assert.equal((serviceName("!Sub 'a${!Literal}b'").val as StrVal).v, 'a${Literal}b');
    const self = serviceName("!Sub ['${X}', {X: !Sub '${X}'}]").val as StrVal;
    assert.equal(self.v, undefined);
    assert.deepEqual(self.parts.map(p => p.expr), ['X']);
  });

  it('Fn::Join concatenates parts, keeping the region part', () => {
    const { val, text } = serviceName("!Join ['', ['com.amazonaws.', !Ref 'AWS::Region', '.s3']]");
    const s = val as StrVal;
    assert.equal(s.v, undefined);
    assert.deepEqual(s.parts.map(p => p.text ?? `<${p.expr}>`), ['com.amazonaws.', '<AWS::Region>', '.s3']);
    assert.equal(s.parts[1].isRegion, true);
    assert.deepEqual(s.parts[0].loc.range, rangeOf(text, 'com.amazonaws.', 1));
    assert.equal((serviceName("!Join ['.', [com, amazonaws, !Ref Env]]").val as StrVal).v, 'com.amazonaws.prod');
  });

  it('Fn::Select picks from a known list; from Fn::GetAZs of the deployment region it is the zone index', () => {
    assert.equal((serviceName("!Select [1, [a, b, c]]").val as StrVal).v, 'b');
    assert.equal((serviceName("!Select ['0', !Split [',', 'x,y']]").val as StrVal).v, 'x');
    const zone = serviceName("!Select [2, !GetAZs '']") as { val: StrVal; text: string };
    assert.equal(zone.val.t, 'str');
    assert.equal((zone.val as StrVal).v, undefined);
    assert.equal((zone.val as StrVal).azIndex, 2);
    assert.deepEqual(zone.val.loc.range, rangeOf(zone.text, "!Select [2, !GetAZs '']"));
    assert.equal((serviceName('!Select [1, !GetAZs {Ref: AWS::Region}]').val as StrVal).azIndex, 1);
    assert.equal((serviceName("!Select ['3', !GetAZs {Ref: 'AWS::Region'}]", 'eu-west-1').val as StrVal).azIndex, 3);
    assert.equal((serviceName('!Select [0, !GetAZs eu-west-1]', 'eu-west-1').val as StrVal).azIndex, 0);
    // Another region's zones, or a region not known to be the deployment region: nothing to compare.
    assert.deepEqual(plain(serviceName('!Select [0, !GetAZs us-east-1]', 'eu-west-1').val), { unknown: 'Fn::GetAZs index 0' });
    assert.deepEqual(plain(serviceName('!Select [0, !GetAZs {Ref: NoDefault}]').val), { unknown: 'Fn::GetAZs index 0' });
    assert.deepEqual(plain(serviceName("!Select [5, [a]]").val), { unknown: 'Fn::Select' });
  });

  it('Fn::If keeps both branches and the condition name, or the value when both agree', () => {
    const { val, text } = serviceName("!If [IsProd, 'com.amazonaws.eu-west-1.s3', !Ref 'AWS::NoValue']");
    const u = val as UnknownVal;
    assert.equal(u.t, 'unknown');
    assert.equal(u.why, 'IsProd');
    assert.deepEqual(u.branches?.map(plain), ['com.amazonaws.eu-west-1.s3', { unknown: 'AWS::NoValue' }]);
    assert.deepEqual(u.branches?.[0].loc.range, rangeOf(text, "'com.amazonaws.eu-west-1.s3'"));
    assert.equal((serviceName('!If [IsProd, same, same]').val as StrVal).v, 'same');
  });

  it('Fn::FindInMap with known keys gives the mapping value; otherwise unknown', () => {
    const { val, text } = serviceName('!FindInMap [RegionMap, eu-west-1, Svc]');
    assert.equal((val as StrVal).v, 'com.amazonaws.eu-west-1.s3');
    assert.deepEqual((val as StrVal).origin?.range, rangeOf(text, 'com.amazonaws.eu-west-1.s3'));
    assert.deepEqual(plain(serviceName('!FindInMap [RegionMap, !Ref AWS::Region, Svc]').val), { unknown: 'Fn::FindInMap' });
    assert.equal((serviceName('!FindInMap [RegionMap, !Ref AWS::Region, Svc]', 'eu-west-1').val as StrVal).v, 'com.amazonaws.eu-west-1.s3');
  });

  it('other functions (Base64, Cidr, GetAZs) are unknown by name', () => {
    assert.deepEqual(plain(serviceName('!Base64 x').val), { unknown: 'Fn::Base64' });
    assert.deepEqual(plain(serviceName('!GetAZs ""').val), { unknown: 'Fn::GetAZs' });
  });
});
