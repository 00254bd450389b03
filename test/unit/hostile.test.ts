// Hostile and extreme input: each case finishes in bounded time and memory with a clear
// diagnostic or a skip, never a throw or a hang. The table of time and memory per case is printed.
import * as assert from 'assert';
import { initEngine, Workspace, type Diagnostic } from '../../server/src/engine';

interface HostileCase {
  name: string;
  file: string;
  text: () => string;
  /** What the user must see. */
  expect: (diags: Diagnostic[]) => void;
}

const codes = (ds: Diagnostic[]) => [...new Set(ds.map((d) => d.code))].sort();

const endpoint = (i: number) => `resource "aws_vpc_endpoint" "e${i}" {
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.eu-west-1.ssm"
  vpc_endpoint_type = "Interface"
  private_dns_enabled = true
}
`;

const CASES: HostileCase[] = [
  {
    name: 'YAML alias bomb',
    file: 'bomb.yaml',
    text: () => {
      const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Resources:', '  R:', '    Type: AWS::EC2::VPC', '    Properties:', '      a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
      for (let i = 1; i < 12; i++) lines.push(`      a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
      return lines.join('\n') + '\n';
    },
    expect: (ds) => assert.ok(ds.some((d) => d.code === 'VPCE001'), 'a syntax diagnostic about the aliases'),
  },
  {
    name: 'deeply nested JSON (20,000 levels)',
    file: 'deep-policy.json',
    text: () => '{"Statement": ' + '['.repeat(20000) + ']'.repeat(20000) + '}',
    expect: (ds) => assert.ok(ds.every((d) => d.code !== 'VPCE005')),
  },
  {
    name: 'deeply nested YAML flow (5,000 levels)',
    file: 'deep.yaml',
    text: () => 'Resources:\n  R:\n    Type: AWS::EC2::VPC\n    Properties:\n      X: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n',
    expect: (ds) => assert.ok(ds.every((d) => d.code !== 'VPCE005')),
  },
  {
    name: 'deeply nested HCL (2,000 levels)',
    file: 'deep.tf',
    text: () => 'locals {\n  x = ' + '['.repeat(2000) + ']'.repeat(2000) + '\n}\n',
    expect: (ds) => assert.ok(ds.every((d) => d.code !== 'VPCE005')),
  },
  {
    name: '1 MB single line (Terraform string)',
    file: 'long.tf',
    text: () => `locals {\n  x = "${'a'.repeat(1024 * 1024)}"\n}\n`,
    expect: (ds) => assert.deepStrictEqual(codes(ds), []),
  },
  {
    name: '1 MB single line (JSON template)',
    file: 'long.json',
    text: () => JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { V: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'k', Value: 'v'.repeat(1024 * 1024) }] } } } }),
    expect: (ds) => assert.deepStrictEqual(codes(ds), []),
  },
  {
    name: '10,000 resources in one Terraform file',
    file: 'many.tf',
    text: () => Array.from({ length: 10000 }, (_, i) => endpoint(i)).join('\n'),
    expect: (ds) => assert.ok(!ds.some((d) => d.code === 'VPCE005' || d.code === 'VPCE001')),
  },
  {
    name: 'cyclic Terraform locals',
    file: 'cycle.tf',
    text: () => `locals {\n  a = local.b\n  b = "\${local.a}-x"\n}\nprovider "aws" {\n  region = local.a\n}\nresource "aws_vpc_endpoint" "s3" {\n  vpc_id       = "vpc-0123456789abcdef0"\n  service_name = "com.amazonaws.\${local.b}.s3"\n}\n`,
    expect: (ds) => assert.ok(!ds.some((d) => d.code === 'VPCE101' || d.code === 'VPCE005'), 'unknown values stay silent'),
  },
  {
    name: 'self-referencing Fn::Sub',
    file: 'sub.yaml',
    text: () => `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  P:\n    Type: String\n    Default: !Sub "\${P}"\nResources:\n  E:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-0123456789abcdef0\n      ServiceName: !Sub ["com.amazonaws.\${R}.s3", { R: !Sub "\${E}" }]\n`,
    expect: (ds) => assert.ok(!ds.some((d) => d.code === 'VPCE005')),
  },
  {
    name: 'invalid UTF-8 (decoded with replacement characters)',
    file: 'bad-utf8.tf',
    text: () => Buffer.from([0x72, 0x65, 0x73, 0x6f, 0x75, 0x72, 0x63, 0x65, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x0a]).toString('utf8') + endpoint(1),
    expect: (ds) => assert.ok(ds.some((d) => d.code === 'VPCE001'), 'a syntax error for the broken first line'),
  },
  {
    name: 'NUL bytes',
    file: 'nul.tf',
    text: () => endpoint(1) + '\u0000\u0000\u0000',
    expect: (ds) => assert.deepStrictEqual(codes(ds), ['VPCE004']),
  },
  {
    // Reading must stay linear: a search past the current line for every key or quoted scalar
    // took 9 s for 20,000 lines, and this would take minutes.
    name: 'template at the size limit (60,000 lines of tags, no comments)',
    file: 'tags.yaml',
    text: () => 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n      Tags:\n'
      + Array.from({ length: 30000 }, (_, i) => `        - Key: "k${i}"\n          Value: 'v${i}'\n`).join(''),
    expect: (ds) => assert.deepStrictEqual(ds.filter((d) => d.code.startsWith('VPCE00')), []),
  },
  {
    name: 'template with a one-line flow sequence of 100,000 quoted items',
    file: 'flow.yaml',
    text: () => 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n      Tags: ['
      + Array.from({ length: 100000 }, (_, i) => (i % 2 ? `"t${i}"` : `'t${i}'`)).join(', ') + ']\n',
    expect: (ds) => assert.deepStrictEqual(ds.filter((d) => d.code.startsWith('VPCE00')), []),
  },
  {
    name: 'file over the size limit',
    file: 'huge.tf',
    text: () => endpoint(1) + '#'.repeat(3 * 1024 * 1024),
    expect: (ds) => assert.deepStrictEqual(ds.map((d) => d.message), ['vpce-lint skipped this file (larger than 2048 KB).']),
  },
];

describe('hostile and extreme input', function () {
  this.timeout(60000);
  const table: string[] = [];
  before(() => initEngine());
  after(() => { if (table.length) console.log(['      case | ms | peak RSS MB so far', ...table].join('\n')); });

  for (const c of CASES) {
    it(`${c.name}: bounded time and memory, a clear result`, () => {
      const text = c.text();
      const start = process.hrtime.bigint();
      const ws = new Workspace();
      ws.setFile(`/hostile/${c.file}`, text);
      const diags = [...ws.lintAll().values()].flat();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      // Peak resident memory of the test process so far (KB on Linux): an upper bound per case.
      const peakMb = process.resourceUsage().maxRSS / 1024;
      table.push(`      ${c.name} | ${ms.toFixed(0)} | ${peakMb.toFixed(0)}`);
      c.expect(diags);
      assert.ok(ms < 15000, `took ${ms} ms`);
    });
  }
});
