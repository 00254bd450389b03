// Every snippet, expanded with its defaults into a file with the VPC, subnets and route tables it
// refers to, must lint clean: no syntax error and no error or warning finding.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initEngine, Workspace, type Diagnostic } from '../../server/src/engine';

const ROOT = join(__dirname, '..', '..');

interface Snippet { prefix: string | string[]; body: string | string[]; description: string }

function loadSnippets(file: string): [string, Snippet][] {
  return Object.entries(JSON.parse(readFileSync(join(ROOT, 'snippets', file), 'utf8')) as Record<string, Snippet>);
}

/** Expands a VS Code snippet body with every placeholder at its default (first choice, mirrors
 *  copy the placeholder's default, `$0` is empty). */
function expandSnippet(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const defaults = new Map<string, string>();
  const MIRROR = '\u0000';
  const render = (s: string): string => {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === '\\' && i + 1 < s.length && '$}\\'.includes(s[i + 1])) {
        out += s[++i];
        continue;
      }
      if (c !== '$') {
        out += c;
        continue;
      }
      const rest = s.slice(i);
      const mirror = /^\$(\d+)|^\$\{(\d+)\}/.exec(rest);
      if (mirror) {
        out += `${MIRROR}${mirror[1] ?? mirror[2]}${MIRROR}`;
        i += mirror[0].length - 1;
        continue;
      }
      const choice = /^\$\{(\d+)\|([^|]*)\|\}/.exec(rest);
      if (choice) {
        const first = choice[2].split(',')[0];
        if (!defaults.has(choice[1])) defaults.set(choice[1], first);
        out += first;
        i += choice[0].length - 1;
        continue;
      }
      const placeholder = /^\$\{(\d+):/.exec(rest);
      if (!placeholder) {
        out += c;
        continue;
      }
      const end = closingBrace(s, i + placeholder[0].length);
      const inner = render(s.slice(i + placeholder[0].length, end));
      if (!defaults.has(placeholder[1])) defaults.set(placeholder[1], inner);
      out += inner;
      i = end;
    }
    return out;
  };
  const rendered = render(text);
  return rendered.replace(/\u0000(\d+)\u0000/g, (_, n: string) => (n === '0' ? '' : defaults.get(n) ?? ''));
}

function closingBrace(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\') { i++; continue; }
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  throw new Error(`unbalanced placeholder in snippet at ${from}`);
}

function indent(text: string, by: string): string {
  return text.split('\n').map((l) => (l ? by + l : l)).join('\n');
}

// ----------------------------------------------------------------------------------------------
// The surroundings each format's snippets need.
// ----------------------------------------------------------------------------------------------

const TF_BASE = `provider "aws" {
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

resource "aws_route_table_association" "private_a" {
  subnet_id      = aws_subnet.private_a.id
  route_table_id = aws_route_table.private.id
}

resource "aws_route_table_association" "private_b" {
  subnet_id      = aws_subnet.private_b.id
  route_table_id = aws_route_table.private.id
}
`;
const TF_SG = `
resource "aws_security_group" "endpoints" {
  name_prefix = "endpoints-"
  description = "HTTPS from the VPC to interface endpoints"
  vpc_id      = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}
`;
const TF_BUCKET = `
resource "aws_s3_bucket" "this" {
  bucket = "example-bucket"
}
`;
const tfS3Endpoint = (inside: string) => `
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.\${data.aws_region.current.region}.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_route_table.private.id]
${inside}}
`;

function terraformFile(name: string, snippet: string): string {
  if (name.includes('endpoint policy')) return TF_BASE + tfS3Endpoint(indent(snippet, '  ') + '\n');
  if (name.includes('bucket policy')) return TF_BASE + TF_BUCKET + tfS3Endpoint('') + '\n' + snippet + '\n';
  const needsSg = name.includes('SSM') || name.includes('ECR');
  return TF_BASE + (needsSg ? TF_SG : '') + '\n' + snippet + '\n';
}

const CFN_BASE: Record<string, unknown> = {
  Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true } },
  PrivateSubnetA: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'eu-west-1a' } },
  PrivateSubnetB: { Type: 'AWS::EC2::Subnet', Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'eu-west-1b' } },
  PrivateRouteTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
  PrivateSubnetARouteTable: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'PrivateSubnetA' }, RouteTableId: { Ref: 'PrivateRouteTable' } } },
  PrivateSubnetBRouteTable: { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: { Ref: 'PrivateSubnetB' }, RouteTableId: { Ref: 'PrivateRouteTable' } } },
};
const CFN_SG = {
  EndpointSecurityGroup: {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'HTTPS from the VPC', VpcId: { Ref: 'Vpc' },
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: { 'Fn::GetAtt': ['Vpc', 'CidrBlock'] } }],
    },
  },
};
const CFN_BUCKET = {
  Bucket: { Type: 'AWS::S3::Bucket' },
  S3GatewayEndpoint: {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: {
      VpcId: { Ref: 'Vpc' }, ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.s3' },
      VpcEndpointType: 'Gateway', RouteTableIds: [{ Ref: 'PrivateRouteTable' }],
    },
  },
};

function cfnContext(name: string): Record<string, unknown> {
  if (name.includes('bucket policy')) return { ...CFN_BASE, ...CFN_BUCKET };
  if (name.includes('SSM') || name.includes('ECR')) return { ...CFN_BASE, ...CFN_SG };
  return CFN_BASE;
}

/** CloudFormation YAML: resources in block style (JSON is valid YAML flow style, but block style is
 *  what the snippets are written in, so the context uses it too). */
function yamlBlock(value: unknown, depth: number): string {
  const pad = '  '.repeat(depth);
  if (Array.isArray(value)) return value.map((v) => `${pad}- ${yamlBlock(v, depth + 1).trimStart()}`).join('\n');
  if (value && typeof value === 'object') {
    return Object.entries(value).map(([k, v]) => {
      if (v && typeof v === 'object') return `${pad}${k}:\n${yamlBlock(v, depth + 1)}`;
      return `${pad}${k}: ${JSON.stringify(v)}`;
    }).join('\n');
  }
  return `${pad}${JSON.stringify(value)}`;
}

function yamlFile(name: string, snippet: string): string {
  const context = cfnContext(name);
  if (name.includes('endpoint policy')) {
    const endpoint = yamlBlock({ S3GatewayEndpoint: CFN_BUCKET.S3GatewayEndpoint }, 1);
    return `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${yamlBlock(context, 1)}\n${endpoint}\n${indent(snippet, '      ')}\n`;
  }
  return `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${yamlBlock(context, 1)}\n${indent(snippet, '  ')}\n`;
}

function jsonFile(name: string, snippet: string): string {
  if (!name.startsWith('CloudFormation')) return snippet + '\n';
  const entries = Object.entries(cfnContext(name)).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  return `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n${entries.join(',\n')},\n${indent(snippet, '    ')}\n  }\n}\n`;
}

function lintOne(path: string, text: string): Diagnostic[] {
  const ws = new Workspace();
  ws.setFile(path, text);
  const id = ws.scopeIdOf(path);
  assert.ok(id, `${path} is not recognised as a file vpce-lint reads:\n${text}`);
  return ws.lintScope(id).get(path) ?? [];
}

function assertClean(findings: Diagnostic[], text: string): void {
  const syntax = findings.filter((d) => d.code === 'VPCE001');
  assert.deepEqual(syntax.map((d) => d.message), [], `syntax errors in:\n${text}`);
  const serious = findings.filter((d) => d.severity === 'error' || d.severity === 'warning');
  assert.deepEqual(serious.map((d) => `${d.code} ${d.message} @${d.loc.range.start.line + 1}`), [], `findings in:\n${text}`);
}

describe('snippets', () => {
  before(async () => {
    await initEngine();
  });

  it('expands placeholders, choices, mirrors and escapes', () => {
    assert.equal(expandSnippet(['a ${1:x${2:y}} $1 $2 ${3|p,q|} \\${lit} $0']), 'a xy xy y p ${lit} ');
  });

  for (const [name, snippet] of loadSnippets('terraform.json')) {
    it(`Terraform: ${name}`, () => {
      const text = terraformFile(name, expandSnippet(snippet.body));
      assertClean(lintOne('/snippets/tf/main.tf', text), text);
    });
  }
  for (const [name, snippet] of loadSnippets('yaml.json')) {
    it(`CloudFormation YAML: ${name}`, () => {
      const text = yamlFile(name, expandSnippet(snippet.body));
      assertClean(lintOne('/snippets/cfn/template.yaml', text), text);
    });
  }
  for (const [name, snippet] of loadSnippets('json.json')) {
    it(`JSON: ${name}`, () => {
      const text = jsonFile(name, expandSnippet(snippet.body));
      assert.doesNotThrow(() => JSON.parse(text), `not valid JSON:\n${text}`);
      assertClean(lintOne(name.startsWith('CloudFormation') ? '/snippets/cfn/template.json' : '/snippets/policy.json', text), text);
    });
  }

  it('covers every required snippet in every format', () => {
    const wanted = [/S3 gateway/, /DynamoDB gateway/, /interface with private DNS/, /SSM/, /ECR/, /bucket policy/i, /endpoint policy/i];
    for (const file of ['terraform.json', 'yaml.json', 'json.json']) {
      const names = loadSnippets(file).map(([n]) => n);
      for (const w of wanted) assert.ok(names.some((n) => w.test(n)), `${file} has no snippet matching ${w}`);
    }
  });
});
