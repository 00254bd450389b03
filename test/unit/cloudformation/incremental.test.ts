// Building a template's scope after an edit, with the parse and resolution of unchanged resources
// reused, gives the same resources, policies and problems as building it from scratch.
import { strict as assert } from 'assert';
import fc from 'fast-check';
import { buildCloudFormationScope } from '../../../server/src/engine/cloudformation';
import type { Scope } from '../../../server/src/engine/model';

const HEAD = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Service:
    Type: String
    Default: s3
  Cidrs:
    Type: CommaDelimitedList
    Default: 10.0.0.0/24,10.0.1.0/24
Mappings:
  Regions:
    eu-west-1:
      Service: ssm
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
      EnableDnsHostnames: true
`;

const RESOURCE = [
  (i: number) => `  Subnet${i}:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [${i % 2}, !Ref Cidrs]
`,
  (i: number) => `  Endpoint${i}:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.\${Service}
      SubnetIds: [!Ref Subnet${i - 1}]
      PrivateDnsEnabled: false
`,
  (i: number) => `  Gateway${i}:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !GetAtt Vpc.VpcId
      ServiceName: !Join ['', [com.amazonaws., !Ref AWS::Region, ., !FindInMap [Regions, !Ref AWS::Region, Service]]]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: "s3:GetObject"
            Resource: "*"
`,
];

function template(count: number, mappings = true): string {
  // Without Mappings, the parameters alone tell whether the context changed.
  let text = mappings ? HEAD : HEAD.replace(/Mappings:\n(  .*\n)*/, '');
  for (let i = 1; i <= count; i++) text += RESOURCE[i % RESOURCE.length](i);
  return text + 'Outputs:\n  Vpc:\n    Value: !Ref Vpc\n';
}

/** Edits that change what other resources resolve to, and keystrokes anywhere. */
const edit = fc.oneof(
  fc.constant((t: string) => t.replace('Default: s3', 'Default: ssm')),
  fc.constant((t: string) => t.replace('Service: ssm', 'Service: ec2')),
  fc.constant((t: string) => t.replace('10.0.0.0/24,', '10.9.0.0/24,')),
  fc.constant((t: string) => t.replace('Type: AWS::EC2::Subnet\n', 'Type: AWS::EC2::NetworkInterface\n')),
  fc.constant((t: string) => t.replace('  Subnet', '  Renamed')),
  fc.constant((t: string) => t.replace('Parameters:\n', 'Parameters:\n  # a comment line\n')),
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom(' ', '\n', 'x', '\n\n', '#') })
    .map(({ at, text }) => (t: string) => {
      const i = Math.floor(at * t.length);
      return t.slice(0, i) + text + t.slice(i);
    }),
);

/** What rules see, with the file path replaced so builds under two paths compare. */
function model(scope: Scope, path: string): unknown {
  const json = JSON.stringify({
    resources: scope.resources, keys: [...scope.byKey.keys()], policies: scope.policies, problems: scope.files[0].problems,
  });
  return JSON.parse(json.split(JSON.stringify(path).slice(1, -1)).join('<file>'));
}

describe('CloudFormation scope rebuilt after edits', () => {
  it('equals a scope built from scratch after every edit', function () {
    this.timeout(60000);
    let run = 0;
    const region = fc.constantFrom(undefined, 'eu-west-1');
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), region, fc.boolean(), (edits, region, mappings) => {
      const path = `/edited/${run++}/template.yaml`;
      let text = template(90, mappings);
      assert.ok(text.length > 16 * 1024, 'large enough to be read by resource');
      buildCloudFormationScope({ path, text }, { region });
      edits.forEach((apply, n) => {
        text = apply(text);
        const fresh = `/fresh/${run}/${n}/template.yaml`;
        const edited = buildCloudFormationScope({ path, text }, { region });
        assert.deepStrictEqual(model(edited, path), model(buildCloudFormationScope({ path: fresh, text }, { region }), fresh));
      });
    }), { numRuns: 40 });
  });

  it('resolves a changed parameter default into resources whose text did not change', () => {
    const path = '/param/template.yaml';
    const service = (text: string, region?: string) => {
      const v = buildCloudFormationScope({ path, text }, { region }).byKey.get('Endpoint4')?.props.service_name;
      return v?.t === 'str' ? v.v : v?.t;
    };
    const text = template(90, false);
    assert.ok(text.length > 16 * 1024, 'large enough to be read by resource');
    assert.equal(service(text, 'eu-west-1'), 'com.amazonaws.eu-west-1.s3');
    // A keystroke elsewhere: from now on Endpoint4's raw tree is reused.
    const typed = text.replace('EnableDnsHostnames: true', 'EnableDnsHostnames: true ');
    assert.equal(service(typed, 'eu-west-1'), 'com.amazonaws.eu-west-1.s3');
    const edited = typed.replace('Default: s3', 'Default: ssm');
    assert.equal(service(edited, 'eu-west-1'), 'com.amazonaws.eu-west-1.ssm');
    assert.equal(service(edited), undefined);
    assert.equal(service(edited, 'us-east-1'), 'com.amazonaws.us-east-1.ssm');
  });
});
