import { strict as assert } from 'assert';
import { buildCloudFormationScope, looksLikeCloudFormation } from '../../../server/src/engine/cloudformation';
import type { Scope, StrVal } from '../../../server/src/engine/model';
import { plain, rangeOf } from './helpers';

const build = (text: string, path = 't.yaml', region?: string): Scope => buildCloudFormationScope({ path, text }, { region });
const propsOf = (scope: Scope, key: string) => Object.fromEntries(Object.entries(scope.byKey.get(key)!.props).map(([k, v]) => [k, plain(v)]));

const NETWORK = `AWSTemplateFormatVersion: '2010-09-09'
Conditions:
  IsProd: !Equals [!Ref 'AWS::AccountId', '123']
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostnames: 'true'
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: 10.0.1.0/24
      AvailabilityZone: !Select [0, !GetAZs '']
  Rt:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref SubnetA, RouteTableId: !Ref Rt}
  Igw:
    Type: AWS::EC2::InternetGateway
  Vgw:
    Type: AWS::EC2::VPNGateway
    Properties: {Type: ipsec.1}
  VgwAttach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, VpnGatewayId: !Ref Vgw}
  DefaultRoute:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Rt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  VpnRoute:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Rt, DestinationCidrBlock: 192.168.0.0/16, GatewayId: !Ref Vgw}
  PeerRoute:
    Type: AWS::EC2::Route
    Properties: {RouteTableId: !Ref Rt, DestinationPrefixListId: pl-123, VpcPeeringConnectionId: !Ref Peering}
  Peering:
    Type: AWS::EC2::VPCPeeringConnection
    Properties: {VpcId: !Ref Vpc, PeerVpcId: vpc-0abc}
  Tgw:
    Type: AWS::EC2::TransitGatewayVpcAttachment
    Properties: {VpcId: !Ref Vpc, TransitGatewayId: tgw-1, SubnetIds: [!Ref SubnetA]}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: endpoints
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: '443'
          CidrIp: !GetAtt Vpc.CidrBlock
        - !If [IsProd, {IpProtocol: -1, CidrIp: 10.0.0.0/8}, !Ref 'AWS::NoValue']
  SgIn:
    Type: AWS::EC2::SecurityGroupIngress
    Properties: {GroupId: !Ref Sg, IpProtocol: 6, FromPort: 443, ToPort: 443, SourceSecurityGroupId: sg-1}
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: ssm.eu-west-1.amazonaws.com
      VPCs:
        - VPCId: !Ref Vpc
          VPCRegion: !Ref AWS::Region
  Ssm:
    Type: AWS::EC2::VPCEndpoint
    Condition: IsProd
    Metadata:
      vpce-lint:
        ignore: [VPCE401, VPCE504]
    Properties:
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.ssm
      VpcEndpointType: Interface
      VpcId: !Ref Vpc
      SubnetIds: [!Ref SubnetA]
      SecurityGroupIds: [!GetAtt Sg.GroupId]
      PrivateDnsEnabled: false
      DnsOptions:
        PrivateDnsOnlyForInboundResolverEndpoint: OnlyInboundResolver
  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: com.amazonaws.eu-west-1.s3
      VpcId: !Ref Vpc
      RouteTableIds: [!Ref Rt]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: 's3:GetObject'
            Resource: !Sub 'arn:\${AWS::Partition}:s3:::b/*'
  Instance:
    Type: AWS::EC2::Instance
    Properties: {SubnetId: !Ref SubnetA}
  Asg:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: {VPCZoneIdentifier: [!Ref SubnetA], MaxSize: 1, MinSize: 1}
  Svc:
    Type: AWS::ECS::Service
    Properties:
      NetworkConfiguration:
        AwsvpcConfiguration:
          Subnets: [!Ref SubnetA]
`;

describe('CloudFormation resources', () => {
  const scope = build(NETWORK);

  it('reads the template without problems and keys resources by logical id', () => {
    assert.deepEqual(scope.files[0].problems, []);
    assert.equal(scope.files[0].kind, 'cloudformation-yaml');
    assert.equal(scope.format, 'cloudformation');
    assert.deepEqual(scope.resources.map(r => `${r.key}:${r.kind}`), [
      'Vpc:vpc', 'SubnetA:subnet', 'Rt:route_table', 'Assoc:subnet_rt_assoc', 'Vgw:vpn_gateway', 'DefaultRoute:route',
      'VpnRoute:route', 'PeerRoute:route', 'Peering:peering', 'Tgw:tgw_attachment', 'Sg:security_group',
      'Sg.SecurityGroupIngress[0]:sg_ingress', 'Sg.SecurityGroupIngress[1]:sg_ingress', 'SgIn:sg_ingress', 'Zone:hosted_zone',
      'Ssm:endpoint', 'S3:endpoint', 'Instance:workload', 'Asg:workload', 'Svc:workload',
    ]);
    for (const r of scope.resources) assert.equal(scope.byKey.get(r.key), r);
  });

  it('locates a resource by its logical id', () => {
    const ssm = scope.byKey.get('Ssm')!;
    assert.equal(ssm.displayName, 'Ssm');
    assert.equal(ssm.nativeType, 'AWS::EC2::VPCEndpoint');
    const id = rangeOf(NETWORK, '  Ssm:');
    assert.deepEqual(ssm.nameLoc.range, { start: { line: id.start.line, character: 2 }, end: { line: id.start.line, character: 5 } });
    assert.deepEqual(ssm.loc.range.start, ssm.nameLoc.range.start);
    assert.equal(ssm.loc.range.end.line, rangeOf(NETWORK, 'OnlyInboundResolver').end.line);
  });

  it('maps endpoint properties, the condition and the ignore metadata', () => {
    const ssm = scope.byKey.get('Ssm')!;
    assert.deepEqual(propsOf(scope, 'Ssm'), {
      service_name: { unknownStr: 'com.amazonaws.${AWS::Region}.ssm' },
      type: 'Interface', vpc: { ref: 'Vpc' }, subnets: [{ ref: 'SubnetA' }], security_groups: [{ ref: 'Sg.GroupId' }],
      private_dns: false, dns_options: { PrivateDnsOnlyForInboundResolverEndpoint: 'OnlyInboundResolver' },
      inbound_resolver_only: true,
    });
    assert.equal(ssm.condition, 'IsProd');
    assert.deepEqual(ssm.ignoreCodes, ['VPCE401', 'VPCE504']);
    assert.equal(ssm.defaulted, undefined);
    assert.deepEqual(ssm.propKeyLocs.private_dns?.range, rangeOf(NETWORK, 'PrivateDnsEnabled'));
    assert.deepEqual(ssm.region, { deployment: true, expr: 'AWS::Region' });
  });

  it('defaults an endpoint without VpcEndpointType to Gateway and says so', () => {
    const s3 = scope.byKey.get('S3')!;
    assert.equal(plain(s3.props.type), 'Gateway');
    assert.deepEqual(s3.defaulted, ['type']);
    assert.equal(s3.propKeyLocs.type, undefined);
    assert.deepEqual(plain(s3.props.route_tables), [{ ref: 'Rt' }]);
  });

  it('attaches the endpoint policy, resolved, in YAML syntax', () => {
    const s3 = scope.byKey.get('S3')!;
    assert.equal(s3.policies?.length, 1);
    const policy = s3.policies![0];
    assert.deepEqual([policy.kind, policy.owner, policy.syntax], ['endpoint', 'S3', 'yaml']);
    assert.deepEqual(policy.statements[0].actions.map(a => a.v), ['s3:GetObject']);
    assert.deepEqual(policy.statements[0].resources[0].parts.map(p => p.text ?? `<${p.expr}>`), ['arn:', '<AWS::Partition>', ':s3:::b/*']);
    assert.ok(s3.props.policy);
  });

  it('maps VPC defaults, subnets with GetAZs AZs, routes and their target kinds', () => {
    assert.deepEqual(propsOf(scope, 'Vpc'), { cidr: '10.0.0.0/16', dns_support: true, dns_hostnames: true });
    assert.deepEqual(scope.byKey.get('Vpc')!.defaulted, ['dns_support']);
    assert.deepEqual(propsOf(scope, 'SubnetA'), { vpc: { ref: 'Vpc' }, cidr: '10.0.1.0/24', az: { unknownStr: '${Fn::Select 0 of Fn::GetAZs}' } });
    assert.equal((scope.byKey.get('SubnetA')!.props.az as StrVal).azIndex, 0);
    assert.equal(propsOf(scope, 'DefaultRoute').target_kind, 'igw');
    assert.equal(propsOf(scope, 'VpnRoute').target_kind, 'vgw');
    assert.deepEqual(propsOf(scope, 'PeerRoute'), {
      route_table: { ref: 'Rt' }, dest_prefix_list: 'pl-123', target: { ref: 'Peering' }, target_kind: 'peering',
    });
    assert.deepEqual(propsOf(scope, 'Assoc'), { subnet: { ref: 'SubnetA' }, route_table: { ref: 'Rt' } });
    assert.deepEqual(propsOf(scope, 'Peering'), { vpc: { ref: 'Vpc' }, peer_vpc: 'vpc-0abc' });
    assert.deepEqual(propsOf(scope, 'Tgw'), { vpc: { ref: 'Vpc' }, transit_gateway: 'tgw-1', subnets: [{ ref: 'SubnetA' }] });
  });

  it('gives a VPN gateway the VPC of its attachment', () => {
    const vgw = scope.byKey.get('Vgw')!;
    assert.deepEqual(plain(vgw.props.vpc), { ref: 'Vpc' });
    const written = rangeOf(NETWORK, 'VpcId: !Ref Vpc, VpnGatewayId').start;
    assert.deepEqual(vgw.propKeyLocs.vpc?.range, { start: written, end: { line: written.line, character: written.character + 5 } });
  });

  it('expands inline ingress rules under their group; an unreadable rule has unknown fields', () => {
    const [first, second] = [scope.byKey.get('Sg.SecurityGroupIngress[0]')!, scope.byKey.get('Sg.SecurityGroupIngress[1]')!];
    assert.equal(first.parent, 'Sg');
    assert.deepEqual(propsOf(scope, first.key), {
      security_group: { ref: 'Sg' }, protocol: 'tcp', from_port: 443, to_port: 443, cidrs: [{ ref: 'Vpc.CidrBlock' }],
    });
    assert.deepEqual(propsOf(scope, second.key).protocol, { unknown: 'unreadable ingress rule' });
    assert.deepEqual(propsOf(scope, 'SgIn'), {
      security_group: { ref: 'Sg' }, protocol: '6', from_port: 443, to_port: 443, source_sgs: ['sg-1'],
    });
  });

  it('maps hosted zone VPCs and workload subnets', () => {
    assert.deepEqual(propsOf(scope, 'Zone'), { name: 'ssm.eu-west-1.amazonaws.com', vpcs: [{ ref: 'Vpc' }] });
    for (const key of ['Instance', 'Asg', 'Svc']) assert.deepEqual(propsOf(scope, key), { subnets: [{ ref: 'SubnetA' }] }, key);
  });

  it('uses the given region for every resource', () => {
    const withRegion = build(NETWORK, 't.yaml', 'eu-west-1');
    assert.deepEqual(withRegion.byKey.get('Ssm')!.region, { value: 'eu-west-1', deployment: false, via: '--region / setting', expr: 'AWS::Region' });
    assert.equal(plain(withRegion.byKey.get('Ssm')!.props.service_name), 'com.amazonaws.eu-west-1.ssm');
  });
});

describe('CloudFormation JSON templates', () => {
  const JSON_TEMPLATE = `{
  "Resources": {
    "Endpoint": {
      "Type": "AWS::EC2::VPCEndpoint",
      "Metadata": {"vpce-lint": {"ignore": ["VPCE601"]}},
      "Properties": {
        "ServiceName": {"Fn::Join": ["", ["com.amazonaws.", {"Ref": "AWS::Region"}, ".s3"]]},
        "VpcId": "vpc-1",
        "PolicyDocument": "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"s3:*\\", \\"Resource\\": \\"*\\", \\"Principal\\": \\"*\\"}]}"
      }
    },
    "Policy": {
      "Type": "AWS::S3::BucketPolicy",
      "Properties": {"Bucket": "b", "PolicyDocument": {"Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}}
    },
    "Role": {
      "Type": "AWS::IAM::Role",
      "Properties": {"Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}}]}
    }
  }
}`;

  it('reads JSON with exact ranges and JSON-syntax policies', () => {
    const scope = build(JSON_TEMPLATE, 't.json');
    assert.deepEqual(scope.files[0].problems, []);
    assert.equal(scope.files[0].kind, 'cloudformation-json');
    const ep = scope.byKey.get('Endpoint')!;
    assert.deepEqual(ep.nameLoc.range, rangeOf(JSON_TEMPLATE, 'Endpoint'));
    assert.deepEqual(ep.ignoreCodes, ['VPCE601']);
    const sn = ep.props.service_name;
    assert.deepEqual(sn?.t === 'str' && sn.parts.map(p => p.text ?? `<${p.expr}>`), ['com.amazonaws.', '<AWS::Region>', '.s3']);
    assert.deepEqual(sn?.t === 'str' && sn.parts[0].loc.range, rangeOf(JSON_TEMPLATE, 'com.amazonaws.'));
    assert.equal(ep.policies?.[0].syntax, 'json');
    assert.deepEqual(ep.policies?.[0].statements[0].actions.map(a => a.v), ['s3:*']);
    assert.deepEqual(scope.byKey.get('Policy')!.policies?.map(p => [p.kind, p.owner, p.syntax]), [['bucket', 'Policy', 'json']]);
    assert.deepEqual(scope.policies.map(p => [p.kind, p.owner, p.statements[0].actions[0].v]), [['identity', 'Role', 'ec2:*']]);
  });

  it('maps a PolicyDocument JSON string in YAML into the template', () => {
    const text = 'Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: x\n      PolicyDocument: |\n        {"Statement": [{"Effect": "Allow",\n           "Action": "s3:GetObject", "Resource": "*"}]}\n';
    const scope = build(text);
    const action = scope.byKey.get('E')!.policies![0].statements[0].actions[0];
    assert.deepEqual(action.parts[0].loc.range, rangeOf(text, 's3:GetObject'));
  });

  it('reports a trailing comma in JSON and still reads the resources', () => {
    const text = '{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16",}},}}';
    const scope = build(text, 't.json');
    assert.deepEqual(scope.files[0].problems.map(p => [p.message, p.loc.range.start.character]), [
      ['Trailing comma is not allowed in JSON', text.indexOf(',}')], ['Trailing comma is not allowed in JSON', text.lastIndexOf(',}')],
    ]);
    assert.deepEqual(propsOf(scope, 'Vpc').cidr, '10.0.0.0/16');
  });
});

describe('CloudFormation SAM and CDK templates', () => {
  it('reads a SAM function in a VPC', () => {
    const text = [
      'Transform: AWS::Serverless-2016-10-31',
      'Globals:',
      '  Function: {Timeout: 3}',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: index.handler',
      '      VpcConfig:',
      '        SubnetIds: [subnet-a, subnet-b]',
      '        SecurityGroupIds: [sg-1]',
    ].join('\n');
    assert.equal(looksLikeCloudFormation(text, 'template.yaml'), 'cloudformation-yaml');
    const scope = build(text, 'template.yaml');
    assert.deepEqual(propsOf(scope, 'Fn'), { subnets: ['subnet-a', 'subnet-b'] });
  });

  it('reads a CDK-synthesized template (JSON, hashed ids, Fn::Join service names, CDK metadata)', () => {
    const text = JSON.stringify({
      Resources: {
        VpcABC123: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true, EnableDnsSupport: true }, Metadata: { 'aws:cdk:path': 'Stack/Vpc/Resource' } },
        VpcEcrApiEndpoint9F1D2C3A: {
          Type: 'AWS::EC2::VPCEndpoint',
          Properties: {
            ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.ecr.api']] },
            VpcEndpointType: 'Interface', PrivateDnsEnabled: true, VpcId: { Ref: 'VpcABC123' },
            SecurityGroupIds: [{ 'Fn::GetAtt': ['VpcEcrApiEndpointSecurityGroup', 'GroupId'] }],
            SubnetIds: [{ Ref: 'VpcPrivateSubnet1' }],
          },
        },
        VpcEcrApiEndpointSecurityGroup: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'x', VpcId: { Ref: 'VpcABC123' } } },
        CDKMetadata: { Type: 'AWS::CDK::Metadata', Properties: { Analytics: 'v2:deflate64:abc' }, Condition: 'CDKMetadataAvailable' },
      },
      Parameters: { BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' } },
    }, null, 1);
    assert.equal(looksLikeCloudFormation(text, 'cdk.out/Stack.template.json'), 'cloudformation-json');
    const scope = build(text, 'cdk.out/Stack.template.json', 'us-east-1');
    assert.deepEqual(scope.files[0].problems, []);
    assert.deepEqual(propsOf(scope, 'VpcEcrApiEndpoint9F1D2C3A'), {
      service_name: 'com.amazonaws.us-east-1.ecr.api', type: 'Interface', private_dns: true, vpc: { ref: 'VpcABC123' },
      security_groups: [{ ref: 'VpcEcrApiEndpointSecurityGroup.GroupId' }], subnets: [{ unknown: 'unresolved Ref VpcPrivateSubnet1' }],
    });
    assert.equal(scope.byKey.get('CDKMetadata'), undefined);
  });
});

describe('CloudFormation broken input', () => {
  it('binary bytes: a problem, no resources, no exception', () => {
    const scope = build('\u0000\u0001\u0002PK\u0003\u0004\uFFFD\uFFFD', 'x.yaml');
    assert.equal(scope.resources.length, 0);
    assert.ok(scope.files[0].problems.length > 0);
  });

  it('empty file: no resources and no problems', () => {
    const scope = build('', 'x.yaml');
    assert.deepEqual([scope.resources.length, scope.files[0].problems.length], [0, 0]);
  });

  it('a file over 2 MB: one problem and no resources', () => {
    const text = `Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n${'# padding\n'.repeat(220_000)}`;
    const scope = build(text, 'big.yaml');
    assert.equal(scope.resources.length, 0);
    assert.deepEqual(scope.files[0].problems.map(p => p.message), ['Template larger than 2 MB: not read']);
  });

  it('a resource without Type is a problem at its logical id', () => {
    const text = 'Resources:\n  Broken:\n    Properties: {}\n  Vpc:\n    Type: AWS::EC2::VPC\n';
    const scope = build(text);
    assert.deepEqual(scope.files[0].problems.map(p => [p.message, p.loc.range]), [['Resource Broken has no Type', rangeOf(text, 'Broken')]]);
    assert.deepEqual(scope.resources.map(r => r.key), ['Vpc']);
  });

  it('a half-typed template: problems with ranges, readable resources kept', () => {
    const text = 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: [10.0.0.0/16\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: !Sub\n';
    const scope = build(text);
    assert.ok(scope.files[0].problems.every(p => p.loc.range.start.line >= 4));
    assert.ok(scope.files[0].problems.length > 0);
    assert.ok(scope.byKey.get('Vpc'));
  });
});

describe('looksLikeCloudFormation', () => {
  it('recognizes templates by content, not by name', () => {
    assert.equal(looksLikeCloudFormation('Resources:\n  V:\n    Type: AWS::EC2::VPC\n', 'a.yml'), 'cloudformation-yaml');
    assert.equal(looksLikeCloudFormation('{"Resources": {"V": {"Type": "AWS::EC2::VPC"}}}', 'a.template'), 'cloudformation-json');
    assert.equal(looksLikeCloudFormation("AWSTemplateFormatVersion: '2010-09-09'\n", 'a.yaml'), 'cloudformation-yaml');
    assert.equal(looksLikeCloudFormation('Resources:\n  - name: x\n    Type: AWS::EC2::VPC\n', 'a.yaml'), undefined);
    assert.equal(looksLikeCloudFormation('apiVersion: v1\nkind: Pod\n', 'pod.yaml'), undefined);
    assert.equal(looksLikeCloudFormation('{"Version": "2012-10-17", "Statement": []}', 'p.json'), undefined);
    assert.equal(looksLikeCloudFormation('{"Resources": {"V": {"Type": "Custom::X"}}}', 'a.json'), undefined);
    assert.equal(looksLikeCloudFormation('{"resource": {"aws_vpc": {}}, "Resources": {"V": {"Type": "AWS::EC2::VPC"}}}', 'main.tf.json'), undefined);
  });
});
