// Completion must not insert a service name that a rule then flags: where the endpoint's region is
// an expression (a Terraform variable, CloudFormation `${AWS::Region}` in `!Sub`), the name keeps it.
import { strict as assert } from 'node:assert';
import { initEngine, Workspace, type FileKind, type Position } from '../../../server/src/engine';
import { completionsAt } from '../../../server/src/lsp/completion';

async function complete(path: string, text: string, kind: FileKind, position: Position, cloudFormationRegion?: string) {
  await initEngine();
  const ws = new Workspace({ configFor: () => (cloudFormationRegion ? { cloudFormationRegion } : {}) });
  ws.setFile(path, text);
  const id = ws.scopeIdOf(path);
  const scope = id ? ws.getScope(id) : undefined;
  return completionsAt({ scope, path, text, kind, position, cloudFormationRegion });
}

describe('lsp: completion keeps the region expression', () => {
  it('Terraform: a provider region from a variable is interpolated, not its default', async () => {
    const text = 'variable "region" {\n  default = "eu-west-1"\n}\nprovider "aws" {\n  region = var.region\n}\nresource "aws_vpc_endpoint" "x" {\n  vpc_id       = "vpc-1"\n  service_name = ""\n}\n';
    const items = await complete('/c1/main.tf', text, 'terraform', { line: 8, character: 18 });
    const ssm = items.find((i) => i.label === 'com.amazonaws.${var.region}.ssm');
    assert.ok(ssm, items.slice(0, 3).map((i) => i.label).join());
    assert.deepEqual(ssm.textEdit, { range: { start: { line: 8, character: 18 }, end: { line: 8, character: 18 } }, newText: 'com.amazonaws.${var.region}.ssm' });
    assert.ok(!items.some((i) => i.label.includes('eu-west-1')));
  });

  it('Terraform: a literal provider region is written as is', async () => {
    const text = 'provider "aws" {\n  region = "eu-west-1"\n}\nresource "aws_vpc_endpoint" "x" {\n  vpc_id       = "vpc-1"\n  service_name = ""\n}\n';
    const items = await complete('/c2/main.tf', text, 'terraform', { line: 5, character: 18 });
    assert.ok(items.some((i) => i.label === 'com.amazonaws.eu-west-1.ssm'));
  });

  it('CloudFormation: inside !Sub the configured region is not hard-coded', async () => {
    const text = 'Resources:\n  Ep:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: vpc-1\n      ServiceName: !Sub ""\n';
    const items = await complete('/c3/t.yaml', text, 'cloudformation-yaml', { line: 5, character: 25 }, 'cn-north-1');
    const dkr = items.find((i) => i.label === 'cn.com.amazonaws.${AWS::Region}.ecr.dkr');
    assert.ok(dkr, items.slice(0, 3).map((i) => i.label).join());
    assert.deepEqual(dkr.textEdit, { range: { start: { line: 5, character: 25 }, end: { line: 5, character: 25 } }, newText: 'cn.com.amazonaws.${AWS::Region}.ecr.dkr' });
    assert.ok(items.some((i) => i.label === 'com.amazonaws.${AWS::Region}.s3'));
    assert.ok(!items.some((i) => i.label.includes('cn-north-1')));
  });
});
