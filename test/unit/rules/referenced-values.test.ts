// A finding about a value that comes from a CloudFormation parameter or a Terraform variable: the
// fix would overwrite the reference with a literal, so `--fix` must not apply it unattended, and
// the finding points at where the value is set.
import { strict as assert } from 'assert';
import { initEngine, Workspace, type Diagnostic } from '../../../server/src/engine';

async function lint(files: Record<string, string>): Promise<Diagnostic[]> {
  await initEngine();
  const ws = new Workspace();
  for (const [path, text] of Object.entries(files)) ws.setFile(path, text);
  return [...ws.lintAll().values()].flat();
}

const only = (all: Diagnostic[], code: string) => {
  const found = all.filter((d) => d.code === code);
  assert.equal(found.length, 1, found.map((d) => d.message).join('\n'));
  return found[0];
};

const TEMPLATE = `Parameters:
  EnablePrivateDns:
    Type: String
    Default: "false"
    AllowedValues: ["true", "false"]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16, EnableDnsHostnames: true}
  Logs:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.logs
      VpcEndpointType: Interface
      PrivateDnsEnabled: !Ref EnablePrivateDns
`;

const MODULE = `variable "private_dns" {
  default = false
}
variable "dns_hostnames" {
  default = false
}
variable "endpoint_type" {
  default = "Gateway"
}
provider "aws" {
  region = "eu-west-1"
}
resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = var.dns_hostnames
}
resource "aws_vpc_endpoint" "logs" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.logs"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = var.private_dns
}
resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.eu-west-1.sts"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true
}
resource "aws_vpc_endpoint" "kms" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.eu-west-1.kms"
  vpc_endpoint_type = var.endpoint_type
}
`;

describe('rules: fixes of values set through a parameter or variable', () => {
  it('VPCE401 (CloudFormation parameter default): related points at the default, fix not safe', async () => {
    const d = only(await lint({ '/p1/t.yaml': TEMPLATE }), 'VPCE401');
    assert.deepEqual(d.loc.range, { start: { line: 15, character: 25 }, end: { line: 15, character: 46 } });
    assert.deepEqual(d.related.map((r) => [r.loc.range.start.line, r.message]), [[3, 'The value is set here.']]);
    assert.deepEqual(d.fixes.map((f) => [f.title, f.safe]), [['Set `PrivateDnsEnabled` to true', false]]);
  });

  it('VPCE401, VPCE402, VPCE201 (Terraform variable defaults): fixes offered but not safe', async () => {
    const all = await lint({ '/p2/main.tf': MODULE });
    assert.deepEqual(only(all, 'VPCE401').fixes.map((f) => f.safe), [false]);
    assert.deepEqual(only(all, 'VPCE402').fixes.map((f) => f.safe), [false]);
    assert.deepEqual(only(all, 'VPCE201').fixes.map((f) => f.safe), [false]);
  });

  it('VPCE204 (CloudFormation parameter default): fix not safe', async () => {
    const both = TEMPLATE.replace('Default: "false"', 'Default: "true"')
      + '  Logs2:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: !Ref Vpc\n      ServiceName: !Sub com.amazonaws.${AWS::Region}.logs\n'
      + '      VpcEndpointType: Interface\n      PrivateDnsEnabled: !Ref EnablePrivateDns\n';
    assert.deepEqual(only(await lint({ '/p4/t.yaml': both }), 'VPCE204').fixes.map((f) => f.safe), [false]);
  });

  it('a literal value keeps its safe fix', async () => {
    const literal = TEMPLATE.replace('!Ref EnablePrivateDns', 'false');
    assert.deepEqual(only(await lint({ '/p3/t.yaml': literal }), 'VPCE401').fixes.map((f) => f.safe), [true]);
  });
});
