// Generates a synthetic but realistic workspace: Terraform modules of several files (VPC, subnets,
// route tables, security groups, endpoints, policies, variables, tfvars), CloudFormation templates
// in YAML and JSON, and policy files. Deterministic for a given size.
import * as fs from 'fs';
import * as path from 'path';

const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2', 'eu-central-1'];
const INTERFACE_SERVICES = ['ssm', 'ssmmessages', 'ec2messages', 'ecr.api', 'ecr.dkr', 'logs', 'kms', 'sts', 'secretsmanager', 'monitoring'];

export interface GeneratedWorkspace { dir: string; files: number; lines: number; templates: string[] }

function tfModule(i: number): Record<string, string> {
  const region = REGIONS[i % REGIONS.length];
  const services = INTERFACE_SERVICES.slice(0, 3 + (i % 5));
  const wrongRegion = i % 7 === 0 ? 'us-west-2' : region;
  const main = `terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

provider "aws" {
  region = var.region
}

data "aws_region" "current" {}

resource "aws_vpc" "main" {
  cidr_block           = var.cidr
  enable_dns_support   = true
  enable_dns_hostnames = ${i % 5 !== 0}
  tags = { Name = "vpc-${i}" }
}

resource "aws_subnet" "private" {
  count             = 3
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(var.cidr, 8, count.index)
  availability_zone = "\${var.region}\${["a", "b", "c"][count.index]}"
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}

resource "aws_route_table_association" "private" {
  count          = 3
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}
`;
  const security = `resource "aws_security_group" "endpoints" {
  name   = "endpoints-${i}"
  vpc_id = aws_vpc.main.id

  ingress {
    description = "HTTPS from the VPC"
    from_port   = ${i % 9 === 0 ? 80 : 443}
    to_port     = ${i % 9 === 0 ? 80 : 443}
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`;
  const endpoints = [`resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.${wrongRegion}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["s3:GetObject", "s3:PutObject"]
      Resource  = ["arn:aws:s3:::bucket-${i}/*"]
    }]
  })
}
`];
  for (const svc of services) {
    endpoints.push(`resource "aws_vpc_endpoint" "${svc.replace('.', '_')}" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.\${data.aws_region.current.name}.${svc}"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.endpoints.id]
  private_dns_enabled = ${svc !== 'logs' || i % 3 !== 0}
}
`);
  }
  const variables = `variable "region" {
  type    = string
  default = "us-east-1"
}

variable "cidr" {
  type    = string
  default = "10.${i % 250}.0.0/16"
}

locals {
  name = "module-${i}"
  tags = { Module = local.name, Region = var.region }
}
`;
  return {
    'main.tf': main,
    'security.tf': security,
    'endpoints.tf': endpoints.join('\n'),
    'variables.tf': variables,
    'terraform.tfvars': `region = "${region}"\n`,
  };
}

function cfnYaml(i: number): string {
  const svc = INTERFACE_SERVICES[i % INTERFACE_SERVICES.length];
  return `AWSTemplateFormatVersion: '2010-09-09'
Description: Endpoints for stack ${i}
Parameters:
  VpcCidr:
    Type: String
    Default: 10.${i % 250}.0.0/16
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: !Ref VpcCidr
      EnableDnsSupport: true
      EnableDnsHostnames: true
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [!Ref VpcCidr, 4, 8]]
      AvailabilityZone: !Select [0, !GetAZs '']
  SubnetB:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [1, !Cidr [!Ref VpcCidr, 4, 8]]
      AvailabilityZone: !Select [1, !GetAZs '']
  RouteTable:
    Type: AWS::EC2::RouteTable
    Properties:
      VpcId: !Ref Vpc
  EndpointSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: HTTPS to endpoints
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: !Ref VpcCidr
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      ServiceName: ${i % 4 === 0 ? 'com.amazonaws.us-east-1.s3' : '!Sub com.amazonaws.${AWS::Region}.s3'}
      RouteTableIds:
        - !Ref RouteTable
  InterfaceEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${svc}
      SubnetIds: [!Ref SubnetA, !Ref SubnetB]
      SecurityGroupIds: [!GetAtt EndpointSecurityGroup.GroupId]
${i % 3 === 0 ? '' : '      PrivateDnsEnabled: true\n'}Outputs:
  VpcId:
    Value: !Ref Vpc
`;
}

function cfnJson(i: number): string {
  const svc = INTERFACE_SERVICES[(i + 3) % INTERFACE_SERVICES.length];
  return JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true } },
      Subnet: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.1.0.0/24' } },
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'endpoints', VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.1.0.0/16' }] } },
      Endpoint: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: {
          VpcId: { Ref: 'Vpc' }, VpcEndpointType: 'Interface', SubnetIds: [{ Ref: 'Subnet' }], SecurityGroupIds: [{ Ref: 'Sg' }],
          ServiceName: { 'Fn::Sub': `com.amazonaws.\${AWS::Region}.${svc}` }, PrivateDnsEnabled: i % 2 === 0,
        },
      },
    },
  }, null, 2) + '\n';
}

function policy(i: number): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyOutsideEndpoint', Effect: 'Deny', Principal: '*', Action: 's3:*',
        Resource: [`arn:aws:s3:::bucket-${i}`, `arn:aws:s3:::bucket-${i}/*`],
        Condition: {
          StringNotEquals: { 'aws:SourceVpce': i % 5 === 0 ? 'vpce-123' : 'vpce-0123456789abcdef0' },
          ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Admin' },
        },
      },
      ...(i % 4 === 0 ? [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*`, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] : []),
    ],
  }, null, 2) + '\n';
}

/** Writes a workspace of about `files` files into `dir` (removed first). */
export function generateWorkspace(dir: string, files: number): GeneratedWorkspace {
  fs.rmSync(dir, { recursive: true, force: true });
  let written = 0;
  let lines = 0;
  const templates: string[] = [];
  const write = (rel: string, text: string) => {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    written++;
    lines += text.split('\n').length;
    return p;
  };
  // Per 10 files: one 5-file module, 3 templates, 2 policies.
  for (let i = 0; written < files; i++) {
    for (const [name, text] of Object.entries(tfModule(i))) if (written < files) write(`terraform/module-${i}/${name}`, text);
    if (written < files) templates.push(write(`cloudformation/stack-${i}.yaml`, cfnYaml(i)));
    if (written < files) templates.push(write(`cloudformation/stack-${i}-b.yaml`, cfnYaml(i + 1)));
    if (written < files) templates.push(write(`cloudformation/stack-${i}.json`, cfnJson(i)));
    if (written < files) write(`policies/bucket-policy-${i}.json`, policy(i));
    if (written < files) write(`policies/endpoint-policy-${i}.json`, policy(i + 1));
  }
  return { dir, files: written, lines, templates };
}

/** One large Terraform file of about `targetLines` lines (for editor latency). */
export function largeTerraformFile(targetLines: number): string {
  const parts: string[] = [];
  let lines = 0;
  for (let i = 0; lines < targetLines; i++) {
    const m = tfModule(i);
    const chunk = (i === 0 ? m['main.tf'] + m['variables.tf'] : '') + m['security.tf'].replace('"endpoints"', `"endpoints_${i}"`) + '\n' +
      m['endpoints.tf'].replace(/resource "aws_vpc_endpoint" "(\w+)"/g, `resource "aws_vpc_endpoint" "$1_${i}"`).replace(/aws_security_group\.endpoints\.id/g, `aws_security_group.endpoints_${i}.id`);
    parts.push(chunk);
    lines += chunk.split('\n').length;
  }
  return parts.join('\n');
}

/** One large CloudFormation YAML template of about `targetLines` lines. */
export function largeTemplate(targetLines: number): string {
  const head = cfnYaml(0).split('Outputs:')[0];
  const out = [head];
  let lines = head.split('\n').length;
  for (let i = 1; lines < targetLines; i++) {
    const svc = INTERFACE_SERVICES[i % INTERFACE_SERVICES.length];
    const block = `  Endpoint${i}:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: !Ref Vpc
      VpcEndpointType: Interface
      ServiceName: !Sub com.amazonaws.\${AWS::Region}.${svc}
      SubnetIds: [!Ref SubnetA, !Ref SubnetB]
      SecurityGroupIds: [!GetAtt EndpointSecurityGroup.GroupId]
      PrivateDnsEnabled: ${i % 2 === 0}
`;
    out.push(block);
    lines += block.split('\n').length - 1;
  }
  return out.join('');
}
