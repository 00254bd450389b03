import { strict as assert } from 'assert';
import { buildCloudFormationScope } from '../../../server/src/engine/cloudformation';
import { REGION } from '../../../server/src/engine/model';
import type { Scope, TextEdit } from '../../../server/src/engine/model';
import { applyEdits } from '../../../server/src/engine/edits';
import { plain } from './helpers';
import { uniqueName } from '../../../server/src/engine/cloudformation/editor';
import { parseJsonToVal } from '../../../server/src/engine/json';

/** Edits apply as the CLI and editors apply them: at one position, in the order given. */
function apply(text: string, edits: TextEdit[]): string {
  return applyEdits(text, edits);
}

/** Applies edits made on a scope and re-reads the result, which must parse cleanly. */
function edit(path: string, text: string, make: (scope: Scope) => TextEdit[]): { text: string; scope: Scope } {
  const scope = buildCloudFormationScope({ path, text }, {});
  assert.deepEqual(scope.files[0].problems, [], 'input parses');
  const edits = make(scope);
  assert.ok(edits.length > 0, 'some edit');
  const out = apply(text, edits);
  const again = buildCloudFormationScope({ path, text: out }, {});
  assert.deepEqual(again.files[0].problems, [], `result parses:\n${out}`);
  return { text: out, scope: again };
}

const YAML_BLOCK = `Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostnames: false

  S3:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: com.amazonaws.eu-west-1.s3
      VpcId: !Ref Vpc
      SubnetIds:
        - subnet-a
        - subnet-b
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: '*'
            Action: s3:GetObject
            Resource: '*'

  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 80
          ToPort: 80
`;

describe('new logical ids', () => {
  it('are alphanumeric, as CloudFormation requires, and not taken', () => {
    const taken = parseJsonToVal('{"SgHttpsIngress": {}, "Vpc": {}}', 't.json').val;
    assert.ok(taken?.t === 'obj');
    assert.equal(uniqueName(taken, '{Sg.Https-Ingress'), 'SgHttpsIngress2');
    assert.equal(uniqueName(taken, 'S3Endpoint'), 'S3Endpoint');
    assert.equal(uniqueName(taken, '{}'), 'Resource');
  });
});

describe('CloudFormation YAML editor', () => {
  it('lines up with a key written after a tag, and removes the tag with its entry', () => {
    const tagged = YAML_BLOCK.replace('      ServiceName: com.amazonaws.eu-west-1.s3', '      !!str ServiceName: com.amazonaws.eu-west-1.s3');
    const added = edit('t.yaml', tagged, s => s.editor.setProp(s.byKey.get('S3')!, 'type', { str: 'Interface' }));
    assert.ok(added.text.includes("            Resource: '*'\n      VpcEndpointType: Interface\n"), added.text);
    const removed = edit('t.yaml', tagged, s => s.editor.removeProp(s.byKey.get('S3')!, 'service_name'));
    assert.ok(removed.text.includes('    Properties:\n      VpcId: !Ref Vpc\n'), removed.text);
  });

  it('quotes a referenced logical id that would not read back as itself', () => {
    const odd = YAML_BLOCK.replace('  Sg:\n', "  '{Sg':\n");
    const { text } = edit('t.yaml', odd, s => s.editor.setProp(s.byKey.get('S3')!, 'security_groups', { refs: ['{Sg'] }));
    assert.ok(text.includes("      SecurityGroupIds: [!Ref '{Sg']\n"), text);
  });

  it('adds a missing property at the mapping indentation', () => {
    const { text, scope } = edit('t.yaml', YAML_BLOCK, s => s.editor.setProp(s.byKey.get('S3')!, 'type', { str: 'Interface' }));
    assert.ok(text.includes('            Resource: \'*\'\n      VpcEndpointType: Interface\n'), text);
    assert.equal(plain(scope.byKey.get('S3')!.props.type), 'Interface');
    assert.equal(scope.byKey.get('S3')!.defaulted, undefined);
  });

  it('replaces a value in place, with the short !Sub form for a region template', () => {
    const { text, scope } = edit('t.yaml', YAML_BLOCK, s => s.editor.setProp(s.byKey.get('S3')!, 'service_name',
      { regionTemplate: ['com.amazonaws.', REGION, '.s3'] }));
    assert.ok(text.includes("      ServiceName: !Sub 'com.amazonaws.${AWS::Region}.s3'\n"), text);
    const sn = scope.byKey.get('S3')!.props.service_name;
    assert.equal(sn?.t === 'str' && sn.parts[1].isRegion, true);
    const vpc = edit('t.yaml', YAML_BLOCK, s => s.editor.setProp(s.byKey.get('Vpc')!, 'dns_hostnames', { bool: true }));
    assert.ok(vpc.text.includes('      EnableDnsHostnames: true\n'));
    assert.equal(plain(vpc.scope.byKey.get('Vpc')!.props.dns_hostnames), true);
  });

  it('removes a property with all its lines', () => {
    const { text, scope } = edit('t.yaml', YAML_BLOCK, s => s.editor.removeProp(s.byKey.get('S3')!, 'subnets'));
    assert.equal(text, YAML_BLOCK.replace('      SubnetIds:\n        - subnet-a\n        - subnet-b\n', ''));
    assert.equal(scope.byKey.get('S3')!.props.subnets, undefined);
  });

  it('creates nested mappings: DnsOptions for inbound_resolver_only', () => {
    const { text, scope } = edit('t.yaml', YAML_BLOCK, s => s.editor.setProp(s.byKey.get('S3')!, 'inbound_resolver_only', { bool: true }));
    assert.ok(text.includes('      DnsOptions:\n        PrivateDnsOnlyForInboundResolverEndpoint: OnlyInboundResolver\n'), text);
    assert.equal(plain(scope.byKey.get('S3')!.props.inbound_resolver_only), true);
  });

  it('edits an inline ingress rule inside its security group', () => {
    const { text, scope } = edit('t.yaml', YAML_BLOCK, s => [
      ...s.editor.setProp(s.byKey.get('Sg.SecurityGroupIngress[0]')!, 'from_port', { num: 443 }),
      ...s.editor.setProp(s.byKey.get('Sg.SecurityGroupIngress[0]')!, 'cidrs', { list: [{ str: '10.0.0.0/16' }] }),
    ]);
    assert.ok(text.includes("          FromPort: 443\n          ToPort: 80\n          CidrIp: '10.0.0.0/16'\n"), text);
    assert.deepEqual(plain(scope.byKey.get('Sg.SecurityGroupIngress[0]')!.props.cidrs), ['10.0.0.0/16']);
  });

  it('inserts a resource after another, unique name, same indentation and blank-line style', () => {
    const { text, scope } = edit('t.yaml', YAML_BLOCK, s => s.editor.insertResource(s.byKey.get('S3')!, {
      kind: 'endpoint', name: 'S3',
      props: {
        service_name: { regionTemplate: ['com.amazonaws.', REGION, '.ecr.api'] }, type: { str: 'Interface' }, vpc: { refs: ['Vpc'] },
        subnets: { refs: ['SubA'] }, private_dns: { bool: true }, security_groups: { refs: ['Sg'] },
      },
    }));
    assert.ok(text.includes(`            Resource: '*'

  S32:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      ServiceName: !Sub 'com.amazonaws.\${AWS::Region}.ecr.api'
      VpcEndpointType: Interface
      VpcId: !Ref Vpc
      SubnetIds: [!Ref SubA]
      PrivateDnsEnabled: true
      SecurityGroupIds: [!Ref Sg]

  Sg:`), text);
    assert.deepEqual(Object.fromEntries(Object.entries(scope.byKey.get('S32')!.props).map(([k, v]) => [k, plain(v)])), {
      service_name: { unknownStr: 'com.amazonaws.${AWS::Region}.ecr.api' }, type: 'Interface', vpc: { ref: 'Vpc' },
      subnets: [{ unknown: 'unresolved Ref SubA' }], private_dns: true, security_groups: [{ ref: 'Sg' }],
    });
  });

  it('adds a policy condition, then merges into the existing operator', () => {
    const first = edit('t.yaml', YAML_BLOCK, s => {
      const policy = s.byKey.get('S3')!.policies![0];
      return s.editor.addCondition(policy, policy.statements[0], 'StringEquals', 'aws:SourceVpce', { list: [{ str: 'vpce-1a2b3c4d' }] });
    });
    assert.ok(first.text.includes("            Resource: '*'\n            Condition:\n              StringEquals:\n                aws:SourceVpce: [vpce-1a2b3c4d]\n"), first.text);
    const second = edit('t.yaml', first.text, s => {
      const policy = s.byKey.get('S3')!.policies![0];
      return s.editor.addCondition(policy, policy.statements[0], 'StringEquals', 'aws:SourceVpc', { str: 'vpc-1' });
    });
    const conditions = second.scope.byKey.get('S3')!.policies![0].statements[0].conditions;
    assert.deepEqual(conditions.map(c => [c.operator, c.key]), [['StringEquals', 'aws:SourceVpce'], ['StringEquals', 'aws:SourceVpc']]);
  });

  it('writes long-form Fn::Sub in templates without short tags, and creates Properties', () => {
    const text = 'Resources:\n    E:\n        Type: AWS::EC2::VPCEndpoint\n        Properties:\n            ServiceName: com.amazonaws.eu-west-1.s3\n            VpcId:\n                Ref: Vpc\n    Vpc:\n        Type: AWS::EC2::VPC\n';
    const out = edit('t.yaml', text, s => s.editor.setProp(s.byKey.get('E')!, 'service_name', { regionTemplate: ['com.amazonaws.', REGION, '.s3'] }));
    assert.ok(out.text.includes("            ServiceName:\n                Fn::Sub: 'com.amazonaws.${AWS::Region}.s3'\n            VpcId:"), out.text);
    const vpc = edit('t.yaml', text, s => s.editor.setProp(s.byKey.get('Vpc')!, 'dns_hostnames', { bool: true }));
    assert.ok(vpc.text.endsWith('        Type: AWS::EC2::VPC\n        Properties:\n            EnableDnsHostnames: true\n'), vpc.text);
  });

  it('edits flow-style mappings', () => {
    const text = 'Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties: {ServiceName: x, VpcId: !Ref V, RouteTableIds: [rtb-1]}\n  V:\n    Type: AWS::EC2::VPC\n';
    const added = edit('t.yaml', text, s => s.editor.setProp(s.byKey.get('E')!, 'type', { str: 'Interface' }));
    assert.ok(added.text.includes('{ServiceName: x, VpcId: !Ref V, RouteTableIds: [rtb-1], VpcEndpointType: Interface}'), added.text);
    const removed = edit('t.yaml', text, s => s.editor.removeProp(s.byKey.get('E')!, 'route_tables'));
    assert.ok(removed.text.includes('{ServiceName: x, VpcId: !Ref V}'), removed.text);
    const first = edit('t.yaml', text, s => s.editor.removeProp(s.byKey.get('E')!, 'service_name'));
    assert.ok(first.text.includes('{VpcId: !Ref V, RouteTableIds: [rtb-1]}'), first.text);
  });

  it('keeps the style of a list it replaces: flow on the key line, block as dash lines', () => {
    const flow = YAML_BLOCK.replace('      SubnetIds:\n        - subnet-a\n        - subnet-b\n', '      SubnetIds: [subnet-a, subnet-b]\n');
    const one = edit('t.yaml', flow, s => s.editor.setProp(s.byKey.get('S3')!, 'subnets', { list: [{ raw: 'subnet-a' }] }));
    assert.equal(one.text, flow.replace('[subnet-a, subnet-b]', '[subnet-a]'));
    const block = edit('t.yaml', YAML_BLOCK, s => s.editor.setProp(s.byKey.get('S3')!, 'subnets', { list: [{ raw: 'subnet-b' }, { str: 'subnet-c' }] }));
    assert.equal(block.text, YAML_BLOCK.replace('        - subnet-a\n        - subnet-b\n', '        - subnet-b\n        - subnet-c\n'));
    assert.deepEqual(plain(block.scope.byKey.get('S3')!.props.subnets), ['subnet-b', 'subnet-c']);
  });

  it('leaves an empty mapping, not a bare dash, when the only key of an item goes', () => {
    const text = YAML_BLOCK.replace('        - IpProtocol: tcp\n          FromPort: 80\n          ToPort: 80\n', '        - CidrIp: 10.0.0.0/8\n');
    const out = edit('t.yaml', text, s => s.editor.removeProp(s.byKey.get('Sg.SecurityGroupIngress[0]')!, 'cidrs'));
    assert.equal(out.text, text.replace('- CidrIp: 10.0.0.0/8', '- {}'));
  });

  it('removes the last property and inserts a resource after it in one fix', () => {
    const text = 'Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: x\n      RouteTableIds: [rtb-1]\n  V:\n    Type: AWS::EC2::VPC\n';
    const out = edit('t.yaml', text, s => [
      ...s.editor.removeProp(s.byKey.get('E')!, 'route_tables'),
      ...s.editor.insertResource(s.byKey.get('E')!, { kind: 'endpoint', name: 'F', props: { service_name: { str: 'z' } } }),
    ]);
    assert.equal(out.text, text.replace('      RouteTableIds: [rtb-1]\n', '  F:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: z\n'));
  });

  it('adds a key after the last entry that parsed, not after a half-typed line', () => {
    const text = 'Resources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      ServiceName: com.amazonaws.eu-west-1.ssm\n      Vp';
    const scope = buildCloudFormationScope({ path: 't.yaml', text }, {});
    const out = apply(text, scope.editor.setProp(scope.byKey.get('E')!, 'type', { str: 'Interface' }));
    assert.equal(out, text.replace('ssm\n', 'ssm\n      VpcEndpointType: Interface\n'));
    assert.equal(plain(buildCloudFormationScope({ path: 't.yaml', text: out }, {}).byKey.get('E')!.props.type), 'Interface');
  });

  it('replace() edits exactly the given location', () => {
    const scope = buildCloudFormationScope({ path: 't.yaml', text: YAML_BLOCK }, {});
    const sn = scope.byKey.get('S3')!.props.service_name!;
    const out = apply(YAML_BLOCK, scope.editor.replace(sn.t === 'str' ? sn.parts[0].loc : sn.loc, 'com.amazonaws.us-east-1.s3'));
    assert.equal(out, YAML_BLOCK.replace('eu-west-1.s3', 'us-east-1.s3'));
  });
});

const JSON_TEXT = `{
    "Resources": {
        "E": {
            "Type": "AWS::EC2::VPCEndpoint",
            "Properties": {
                "ServiceName": "com.amazonaws.eu-west-1.s3",
                "VpcId": {"Ref": "V"},
                "RouteTableIds": ["rtb-1"],
                "PolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]}
            }
        },
        "V": {
            "Type": "AWS::EC2::VPC",
            "Properties": {"CidrBlock": "10.0.0.0/16"}
        }
    }
}
`;

describe('CloudFormation JSON editor', () => {
  const at = (s: Scope, key: string) => s.byKey.get(key)!;

  it('replaces exactly one value, on one line when it was on one line', () => {
    const { text, scope } = edit('t.json', JSON_TEXT, s => s.editor.setProp(at(s, 'E'), 'service_name',
      { regionTemplate: ['com.amazonaws.', REGION, '.s3'] }));
    assert.equal(text, JSON_TEXT.replace('"com.amazonaws.eu-west-1.s3"', '{"Fn::Sub": "com.amazonaws.${AWS::Region}.s3"}'));
    assert.equal(scope.byKey.get('E')!.props.service_name?.t, 'str');
    const tables = edit('t.json', JSON_TEXT, s => s.editor.setProp(at(s, 'E'), 'route_tables', { list: [{ raw: '"rtb-1"' }, { str: 'rtb-2' }] }));
    assert.equal(tables.text, JSON_TEXT.replace('["rtb-1"]', '["rtb-1", "rtb-2"]'));
  });

  it('adds a property after the last one without touching its value', () => {
    const text = '{\n  "Resources": {\n    "E": {\n      "Type": "AWS::EC2::VPCEndpoint",\n      "Properties": {\n'
      + '        "VpcId": {"Ref": "V"},\n        "ServiceName": {"Fn::Sub": "com.amazonaws.${AWS::Region}.ssm"}\n      }\n    }\n  }\n}\n';
    const out = edit('t.json', text, s => [
      ...s.editor.setProp(at(s, 'E'), 'type', { str: 'Interface' }),
      ...s.editor.setProp(at(s, 'E'), 'private_dns', { bool: true }),
    ]);
    assert.equal(out.text, text.replace('.ssm"}\n', '.ssm"},\n        "VpcEndpointType": "Interface",\n        "PrivateDnsEnabled": true\n'));
    assert.equal(plain(out.scope.byKey.get('E')!.props.private_dns), true);
  });

  it('sets two properties of one resource in one fix (both land, in order)', () => {
    const text = '{\n  "Resources": {\n    "Vpc": {\n      "Type": "AWS::EC2::VPC",\n      "Properties": {\n        "CidrBlock": "10.0.0.0/16"\n      }\n    }\n  }\n}\n';
    const out = edit('t.json', text, s => [
      ...s.editor.setProp(at(s, 'Vpc'), 'dns_support', { bool: true }),
      ...s.editor.setProp(at(s, 'Vpc'), 'dns_hostnames', { bool: true }),
    ]);
    assert.equal(out.text, text.replace('"10.0.0.0/16"\n', '"10.0.0.0/16",\n        "EnableDnsSupport": true,\n        "EnableDnsHostnames": true\n'));
  });

  it('adds to a one-line object on that line, and fills an empty object', () => {
    const vpc = edit('t.json', JSON_TEXT, s => s.editor.setProp(at(s, 'V'), 'dns_hostnames', { bool: true }));
    assert.equal(vpc.text, JSON_TEXT.replace('{"CidrBlock": "10.0.0.0/16"}', '{"CidrBlock": "10.0.0.0/16", "EnableDnsHostnames": true}'));
    const empty = '{\n    "Resources": {\n        "V": {\n            "Type": "AWS::EC2::VPC",\n            "Properties": {}\n        }\n    }\n}\n';
    const filled = edit('t.json', empty, s => s.editor.setProp(at(s, 'V'), 'dns_hostnames', { bool: true }));
    assert.equal(filled.text, empty.replace('{}', '{\n                "EnableDnsHostnames": true\n            }'));
  });

  it('removes one entry and its comma: first, middle, last and only', () => {
    const first = edit('t.json', JSON_TEXT, s => s.editor.removeProp(at(s, 'E'), 'service_name'));
    assert.equal(first.text, JSON_TEXT.replace('"ServiceName": "com.amazonaws.eu-west-1.s3",\n                ', ''));
    const middle = edit('t.json', JSON_TEXT, s => s.editor.removeProp(at(s, 'E'), 'route_tables'));
    assert.equal(middle.text, JSON_TEXT.replace('"RouteTableIds": ["rtb-1"],\n                ', ''));
    assert.equal(middle.scope.byKey.get('E')!.props.route_tables, undefined);
    const last = edit('t.json', JSON_TEXT, s => s.editor.removeProp(at(s, 'E'), 'policy'));
    assert.equal(last.text, JSON_TEXT.replace(/,\n {16}"PolicyDocument": .*/, ''));
    const only = edit('t.json', JSON_TEXT, s => s.editor.removeProp(at(s, 'V'), 'cidr'));
    assert.equal(only.text, JSON_TEXT.replace('{"CidrBlock": "10.0.0.0/16"}', '{}'));
  });

  it('inserts a resource right after the given one, in the file layout', () => {
    const { text, scope } = edit('t.json', JSON_TEXT, s => s.editor.insertResource(at(s, 'E'), {
      kind: 'endpoint', name: 'Ssm', props: { service_name: { str: 'com.amazonaws.eu-west-1.ssm' }, vpc: { refs: ['V'] }, subnets: { refs: ['a', 'b'] } },
    }));
    assert.equal(text, JSON_TEXT.replace('        },\n        "V"', `        },
        "Ssm": {
            "Type": "AWS::EC2::VPCEndpoint",
            "Properties": {
                "ServiceName": "com.amazonaws.eu-west-1.ssm",
                "VpcId": {"Ref": "V"},
                "SubnetIds": [{"Ref": "a"}, {"Ref": "b"}]
            }
        },
        "V"`));
    assert.deepEqual(scope.resources.map(r => r.key), ['E', 'Ssm', 'V']);
    assert.deepEqual(plain(scope.byKey.get('Ssm')!.props.vpc), { ref: 'V' });
  });

  it('keeps CRLF line ends, tab indentation and padded intrinsics', () => {
    const text = '{\r\n\t"Resources": {\r\n\t\t"E": {\r\n\t\t\t"Type": "AWS::EC2::VPCEndpoint",\r\n\t\t\t"Properties": {\r\n'
      + '\t\t\t\t"VpcId": { "Ref": "V" }\r\n\t\t\t}\r\n\t\t}\r\n\t}\r\n}\r\n';
    const out = edit('t.json', text, s => s.editor.setProp(at(s, 'E'), 'subnets', { refs: ['A'] }));
    assert.equal(out.text, text.replace('{ "Ref": "V" }\r\n', '{ "Ref": "V" },\r\n\t\t\t\t"SubnetIds": [{ "Ref": "A" }]\r\n'));
  });

  it('adds a condition to a statement, then merges values into the existing key', () => {
    const first = edit('t.json', JSON_TEXT, s => {
      const policy = at(s, 'E').policies![0];
      return s.editor.addCondition(policy, policy.statements[0], 'StringNotEquals', 'aws:SourceVpce', { str: 'vpce-1a2b3c4d' });
    });
    assert.equal(first.text, JSON_TEXT.replace('"Resource": "*"}', '"Resource": "*", "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}'));
    const second = edit('t.json', first.text, s => {
      const policy = at(s, 'E').policies![0];
      return s.editor.addCondition(policy, policy.statements[0], 'StringNotEquals', 'aws:SourceVpce', { str: 'vpce-0123abcd' });
    });
    assert.equal(second.text, first.text.replace('"vpce-1a2b3c4d"', '["vpce-1a2b3c4d", "vpce-0123abcd"]'));
  });
});
