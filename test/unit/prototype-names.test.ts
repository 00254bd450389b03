// Names of Object.prototype's members written where the user names things (resource types,
// functions, tags, services, condition operators, map keys): plain names like any other, never a
// lookup that finds JavaScript's own `constructor` or `toString` and crashes the file's lint.
import * as assert from 'assert';
import { initEngine, Workspace, type Diagnostic } from '../../server/src/engine';

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

const terraform = (n: string) => `provider "aws" {
  region = "eu-west-1"
}

provider "${n}" {}

variable "${n}" {
  default = { ${n} = "x" }
}

locals {
  ${n} = ${n}("a")
  lookups = [var.${n}.${n}, local.${n}, lookup({ ${n} = 1 }, "${n}", 0)]
}

data "${n}" "d" {}

resource "${n}" "r" {
  ${n} = 1
}

resource "aws_vpc_endpoint" "typo" {
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.eu-west-1.${n}"
  vpc_endpoint_type = "${n}"
}

resource "aws_vpc_endpoint" "region" {
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.${n}.s3"
  vpc_endpoint_type = "Gateway"
  policy = jsonencode({
    Version = "${n}"
    Statement = [{
      Effect    = "${n}"
      Principal = { ${n} = "*" }
      Action    = ["${n}:*", "s3:${n}"]
      Resource  = "*"
      Condition = { ${n} = { "aws:${n}" = "x" }, StringEquals = { ${n} = "x" } }
    }]
  })
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.us-east-1.s3"
  vpc_endpoint_type = "Gateway"
}
`;

const template = (n: string) => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  ${n}:
    Type: String
Mappings:
  ${n}:
    ${n}:
      ${n}: x
Conditions:
  ${n}: !Equals [!Ref ${n}, x]
Resources:
  ${n}:
    Type: ${n}
    Properties:
      ${n}: !${n} x
      Other: { "Fn::${n}": [a] }
      Mapped: !FindInMap [${n}, ${n}, ${n}]
      Attr: !GetAtt ${n}.${n}
  Typo:
    Type: AWS::EC2::VPCEndpoint
    Condition: ${n}
    Properties:
      VpcId: vpc-0123456789abcdef0
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${n}
      VpcEndpointType: ${n}
      PolicyDocument:
        Version: ${n}
        Statement:
          - Effect: ${n}
            Principal: { ${n}: "*" }
            Action: ["${n}:*"]
            Resource: "*"
            Condition: { ${n}: { "aws:${n}": x } }
  WrongRegion:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0123456789abcdef0
      ServiceName: com.amazonaws.${n}.s3
      VpcEndpointType: Gateway
`;

const policy = (n: string) => JSON.stringify({
  Version: n,
  Statement: [{ Sid: n, Effect: n, Principal: { [n]: '*' }, Action: [`${n}:*`], Resource: '*', Condition: { [n]: { [`aws:${n}`]: 'x' }, StringEquals: { [n]: 'vpce-0123' } } }],
}, null, 2);

function lint(path: string, text: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const incremental of [true, false]) {
    const ws = new Workspace({ incremental });
    ws.setFile(path, text);
    out.push(...[...ws.lintAll().values()].flat());
  }
  return out;
}

describe("Object.prototype's member names in user input", () => {
  before(() => initEngine());

  for (const n of NAMES) {
    it(`"${n}" as a Terraform resource type, provider, function, variable, key, service, region and policy word`, () => {
      const ds = lint('/m/main.tf', terraform(n));
      assert.deepStrictEqual(ds.filter((d) => d.code === 'VPCE005').map((d) => d.message), []);
      // The rest of the module is still linted: the wrong region two blocks down is found.
      assert.ok(ds.some((d) => d.code === 'VPCE101'), ds.map((d) => d.code).join(' '));
    });

    it(`"${n}" as a CloudFormation type, parameter, mapping, condition, tag, intrinsic, service and policy word`, () => {
      const ds = lint('/t/template.yaml', template(n));
      assert.deepStrictEqual(ds.filter((d) => d.code === 'VPCE005').map((d) => d.message), []);
      assert.ok(ds.some((d) => d.code === 'VPCE104' && d.message.startsWith(`\`${n}\` is not a known endpoint service`)), ds.map((d) => d.code).join(' '));
    });

    it(`"${n}" as a policy file's version, effect, principal, action and condition operator`, () => {
      const ds = lint('/p/policy.json', policy(n));
      assert.deepStrictEqual(ds.filter((d) => d.code === 'VPCE005').map((d) => d.message), []);
    });
  }
});
