// The Workspace: scopes per module / template / policy, rebuilt when a file they read changes.
import * as assert from 'assert';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { largeTerraformFile } from '../../bench/generate';
import { initEngine, RULES, Workspace, type Diagnostic, type Rule } from '../../server/src/engine';

const MODULE = `provider "aws" {
  region = "eu-west-1"
}

locals {
  services = jsondecode(file("\${path.module}/services.json"))
}

resource "aws_vpc_endpoint" "this" {
  for_each          = toset(local.services)
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.eu-west-1.\${each.value}"
  vpc_endpoint_type = "Interface"
  subnet_ids        = ["subnet-0123456789abcdef0"]
  private_dns_enabled = true
}
`;

const WRONG_REGION_TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  KmsEndpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0123456789abcdef0
      VpcEndpointType: Interface
      ServiceName: com.amazonaws.eu-west-1.kms
      ServiceRegion: us-east-1
      PrivateDnsEnabled: true
      SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
`;

describe('workspace', () => {
  before(() => initEngine());

  it('frees its Terraform syntax trees when disposed: many short-lived Workspaces do not grow memory', () => {
    const text = largeTerraformFile(1500);
    const lintOnce = () => {
      const ws = new Workspace();
      ws.setFile('/w/big/main.tf', text);
      const findings = [...ws.lintAll().values()].flat().length;
      ws.dispose();
      assert.deepStrictEqual(ws.scopeIds(), []);
      return findings;
    };
    const findings = lintOnce();
    assert.ok(findings > 0);
    // WebAssembly memory counts as external memory. Each tree of this file takes about 3 MB of it:
    // 100 kept trees would add about 300 MB; freed ones are reused.
    const external = process.memoryUsage().external;
    for (let i = 0; i < 100; i++) assert.strictEqual(lintOnce(), findings);
    const grownMb = (process.memoryUsage().external - external) / 1024 / 1024;
    assert.ok(grownMb < 20, `external memory grew by ${grownMb.toFixed(0)} MB`);
  });

  it('keeps no earlier lint of a file alive while it is being edited', async () => {
    // Each lint's scope holds that version of the file; kept steps, shared indexes and findings
    // must not hold on to the scopes of the lints that made them.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const path = '/w/edited/main.tf';
    const lines = largeTerraformFile(1500).split('\n');
    const ws = new Workspace();
    const scopes: WeakRef<object>[] = [];
    for (let k = 0; k < 30; k++) {
      lines[(k * 7919) % lines.length] += ' ';
      const [id] = ws.setFile(path, lines.join('\n'));
      const findings = ws.lintScope(id).get(path)!;
      // Fixes are worked out from the lint that reported them: ask for some.
      for (const d of findings.slice(0, 20)) void d.fixes;
      scopes.push(new WeakRef(ws.getScope(id)!));
    }
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const alive = scopes.filter((s) => s.deref() !== undefined).length;
    assert.ok(alive <= 2, `${alive} of 30 scopes are still alive`);
    ws.dispose();
  });

  it('in a one-shot run (the CLI) lets go of each template once linted, its findings settled as plain data', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const scopes: WeakRef<object>[] = [];
    const spy: Rule = { meta: RULES[0].meta, check: (ctx) => { scopes.push(new WeakRef(ctx.scope)); } };
    const ws = new Workspace({ incremental: false, rules: [spy, ...RULES] });
    const findings: Diagnostic[] = [];
    for (let i = 0; i < 20; i++) {
      const path = `/w/stacks/t${i}.yaml`;
      const [id] = ws.setFile(path, WRONG_REGION_TEMPLATE);
      findings.push(...ws.lintScope(id).get(path)!.filter((d) => d.code === 'VPCE101'));
    }
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    const alive = scopes.filter((s) => s.deref() !== undefined).length;
    assert.ok(alive <= 1, `${alive} of 20 scopes are still alive`);
    assert.strictEqual(findings.length, 20);
    for (const d of findings) {
      assert.deepStrictEqual(d.fixes[0].edits.map((e) => e.newText), ['us-east-1']);
      // Plain data: it survives a structured clone (a copy to another thread) whole.
      assert.deepStrictEqual(structuredClone(d), d);
    }
  });

  it('groups Terraform files by directory and lints templates and policies on their own', () => {
    const ws = new Workspace();
    ws.setFile('/w/net/main.tf', 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n');
    ws.setFile('/w/net/terraform.tfvars', 'region = "eu-west-1"\n');
    ws.setFile('/w/cfn/t.yaml', 'Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n');
    ws.setFile('/w/p/bucket-policy.json', '{"Version": "2012-10-17", "Statement": []}');
    ws.setFile('/w/package.json', '{"name": "x"}');
    assert.deepStrictEqual(ws.scopeIds().sort(), ['file:/w/cfn/t.yaml', 'file:/w/p/bucket-policy.json', 'tf:/w/net']);
    assert.deepStrictEqual(ws.filesOf('tf:/w/net').sort(), ['/w/net/main.tf', '/w/net/terraform.tfvars']);
    assert.strictEqual(ws.hasFile('/w/package.json'), false);
  });

  it('reads files named by file() through the host, and re-lints when one changes', () => {
    const disk = new Map([['/w/mod/services.json', '["secretmanager"]']]);
    const ws = new Workspace({ readFile: (p) => disk.get(p) });
    ws.setFile('/w/mod/main.tf', MODULE);
    const unknownService = () => [...ws.lintAll().values()].flat().filter((d) => d.code === 'VPCE104').map((d) => d.message);
    assert.strictEqual(unknownService().length, 1, 'the typo in services.json is found');
    disk.set('/w/mod/services.json', '["secretsmanager"]');
    assert.deepStrictEqual(ws.touchFile('/w/other.json'), []);
    assert.deepStrictEqual(ws.touchFile('/w/mod/services.json'), ['tf:/w/mod']);
    assert.deepStrictEqual(unknownService(), []);
  });

  it('leaves file() unknown without a host reader', () => {
    const ws = new Workspace();
    ws.setFile('/w/mod/main.tf', MODULE);
    assert.deepStrictEqual([...ws.lintAll().values()].flat().filter((d) => d.code === 'VPCE104'), []);
  });
});
