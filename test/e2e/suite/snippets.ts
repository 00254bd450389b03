// Reads the snippets the installed extension contributes (package.json contributes.snippets), so
// the suite checks whatever snippets ship, not a list copied into the test.
import * as fs from 'fs';
import { parse } from 'jsonc-parser';
import * as path from 'path';
import * as vscode from 'vscode';

export interface ContributedSnippet {
  /** `<file>: <snippet name>` */
  name: string;
  language: string;
  body: string;
}

interface SnippetContribution { language: string; path: string }
interface LanguageContribution { id: string; extensions?: string[] }

const builtinExtensions: Record<string, string> = { terraform: '.tf', yaml: '.yaml', json: '.json', jsonc: '.json' };

export function contributedSnippets(ext: vscode.Extension<unknown>): ContributedSnippet[] {
  const contributions: SnippetContribution[] = ext.packageJSON.contributes?.snippets ?? [];
  const snippets: ContributedSnippet[] = [];
  for (const { language, path: rel } of contributions) {
    const file = path.join(ext.extensionPath, rel);
    const entries = parse(fs.readFileSync(file, 'utf8')) as Record<string, { body: string | string[] }>;
    for (const [name, snippet] of Object.entries(entries)) {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      snippets.push({ name: `${path.basename(rel)}: ${name}`, language, body });
    }
  }
  return snippets;
}

/** The file extension a new document of `language` needs to get that language. */
export function fileExtensionFor(ext: vscode.Extension<unknown>, language: string): string {
  const languages: LanguageContribution[] = ext.packageJSON.contributes?.languages ?? [];
  const own = languages.find((l) => l.id === language)?.extensions?.[0];
  const known = own ?? builtinExtensions[language];
  if (!known) throw new Error(`no file extension known for snippet language ${language}`);
  return known;
}

/** Stands in a host text for where the snippet goes. */
export const snippetMarker = '<<SNIPPET>>';

// What the snippets' default references point at (a VPC with DNS, two subnets in two AZs, a route
// table, an HTTPS security group, a bucket and its S3 endpoint), so the rules judge the snippet
// against real resources instead of unresolved references.
const tfBase = `provider "aws" {
  region = "eu-west-1"
}

data "aws_region" "current" {}

resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}

resource "aws_subnet" "private_b" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.0.2.0/24"
  availability_zone = "eu-west-1b"
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
}
`;
const tfSecurityGroup = `
resource "aws_security_group" "endpoints" {
  description = "HTTPS from the VPC"
  vpc_id      = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
`;
const tfS3Endpoint = (name: string, inside: string) => `
resource "aws_vpc_endpoint" "${name}" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${data.aws_region.current.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
${inside}}
`;
const tfBucket = `
resource "aws_s3_bucket" "this" {
  bucket = "example-bucket"
}
${tfS3Endpoint('s3', '')}`;

const cfnBase: Record<string, unknown> = {
  Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true } },
  PrivateSubnetA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a' } },
  PrivateSubnetB: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'eu-west-1b' } },
  PrivateRouteTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
};
const cfnSecurityGroup = {
  EndpointSecurityGroup: {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'HTTPS from the VPC', VpcId: { Ref: 'Vpc' },
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } }],
    },
  },
};
const cfnS3Endpoint = (properties: Record<string, unknown> = {}) => ({
  Type: 'AWS::EC2::VPCEndpoint',
  Properties: {
    VpcId: { Ref: 'Vpc' }, ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.s3' },
    VpcEndpointType: 'Gateway', RouteTableIds: [{ Ref: 'PrivateRouteTable' }], ...properties,
  },
});
const cfnBucket = { Bucket: { Type: 'AWS::S3::Bucket' }, S3GatewayEndpoint: cfnS3Endpoint() };

/** Whether the snippet body names `name` (a Terraform address or CloudFormation logical id) without declaring it. */
function usesUndeclared(body: string, name: string, declares: RegExp): boolean {
  return new RegExp(`\\b${name.replace('.', '\\.')}\\b`).test(body) && !declares.test(body);
}

function cfnContext(body: string): Record<string, unknown> {
  const declares = (id: string) => new RegExp(`^"?(\\$\\{\\d+:)?${id}\\}?"?\\s*:`, 'm');
  return {
    ...cfnBase,
    ...(usesUndeclared(body, 'EndpointSecurityGroup', declares('EndpointSecurityGroup')) ? cfnSecurityGroup : {}),
    ...(usesUndeclared(body, 'Bucket', declares('Bucket')) ? cfnBucket : {}),
  };
}

/** CloudFormation resources in YAML block style (the style the snippets use), indented `depth` levels. */
function yamlBlock(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  if (Array.isArray(value)) return value.map((v) => `${pad}- ${yamlBlock(v, depth + 1).trimStart()}`).join('\n');
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => (v && typeof v === 'object'
      ? `${pad}${k}:\n${yamlBlock(v, depth + 1)}` : `${pad}${k}: ${JSON.stringify(v)}`)).join('\n');
  }
  return `${pad}${JSON.stringify(value)}`;
}

function jsonResources(resources: Record<string, unknown>): string {
  return Object.entries(resources).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`).join('');
}

/**
 * The text a user would insert a snippet into, judged from the snippet's first lines: an empty
 * file for a whole JSON policy document, a module for top-level Terraform blocks, an S3 endpoint
 * for endpoint properties, a template's Resources for CloudFormation resources; each with the
 * resources the snippet's defaults refer to.
 */
export function hostFor(language: string, body: string): string {
  const [first = '', second = ''] = body.split('\n');
  if (language === 'terraform') {
    if (!/^(resource|data|module|locals|variable|output)\b/.test(first)) return tfBase + tfS3Endpoint('host', `  ${snippetMarker}\n`);
    const sg = usesUndeclared(body, 'aws_security_group.endpoints', /resource "aws_security_group"/) ? tfSecurityGroup : '';
    const bucket = usesUndeclared(body, 'aws_s3_bucket.this', /resource "aws_s3_bucket"/) ? tfBucket : '';
    return `${tfBase}${sg}${bucket}\n${snippetMarker}\n`;
  }
  if (first.trimStart().startsWith('{')) return snippetMarker;
  const isResource = /^\s*"?Type"?\s*:/.test(second);
  const resources = isResource ? cfnContext(body) : cfnBase;
  if (language === 'yaml') {
    const host = isResource ? '' : yamlBlock({ HostEndpoint: cfnS3Endpoint({ [snippetMarker]: null }) }, 1).replace(`${snippetMarker}: null`, snippetMarker);
    return `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n${yamlBlock(resources, 1)}\n${host || `  ${snippetMarker}`}\n`;
  }
  // The snippet comes last, after the context's trailing comma (a syntax error until it is inserted).
  return `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n${jsonResources(resources)}    ${snippetMarker}\n  }\n}\n`;
}
