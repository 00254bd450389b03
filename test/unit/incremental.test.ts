// Re-checking only what changed must give what a fresh lint gives: after every edit of a series,
// the Workspace that replays unchanged steps reports exactly the diagnostics (and fixes) of a new
// Workspace reading the same text.
import * as assert from 'assert';
import fc from 'fast-check';
import { initEngine, Workspace, type Diagnostic } from '../../server/src/engine';
import { largeTemplate, largeTerraformFile } from '../../bench/generate';
import { mutate, mutationArb, samples } from '../fuzz/properties';

const CASES = Math.max(200, Math.floor(Number(process.env.VPCE_LINT_FUZZ_CASES ?? 10000) / 10));

/** Everything a user sees of a diagnostic, and its fixes when asked for (computing them exercises
 *  the replay of fixes; on a large broken template each fix costs a parse, so not all of them). */
function view(d: Diagnostic, withFixes: boolean) {
  return {
    code: d.code, severity: d.severity, message: d.message, range: d.loc.range, file: d.loc.file,
    related: d.related.map((r) => [r.loc, r.message]), tags: d.tags,
    fixes: withFixes ? d.fixes.map((f) => ({ title: f.title, safe: f.safe, preferred: !!f.preferred, edits: f.edits })) : [],
  };
}

function lintFresh(path: string, text: string, fixesEvery = 1) {
  const ws = new Workspace();
  ws.setFile(path, text);
  return [...ws.lintAll().values()].flat().map((d, i) => view(d, i % fixesEvery === 0));
}

function lintLive(ws: Workspace, path: string, text: string, fixesEvery = 1) {
  ws.setFile(path, text);
  return [...ws.lintAll().values()].flat().map((d, i) => view(d, i % fixesEvery === 0));
}

/** Types `text` at `at`, one character per keystroke, then deletes it again the same way. */
function keystrokes(text: string, at: number, typed: string): string[] {
  const out: string[] = [];
  for (let i = 1; i <= typed.length; i++) out.push(text.slice(0, at) + typed.slice(0, i) + text.slice(at));
  for (let i = typed.length - 1; i >= 0; i--) out.push(text.slice(0, at) + typed.slice(0, i) + text.slice(at));
  return out;
}

describe('incremental linting equals a fresh lint', function () {
  this.timeout(600000);
  const pool = samples();
  before(() => initEngine());

  it(`after random series of edits of real files (${CASES} series)`, () => {
    fc.assert(fc.property(fc.nat({ max: pool.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (i, series) => {
      const path = `/live/${pool[i].file}`;
      const ws = new Workspace();
      let text = pool[i].text;
      assert.deepStrictEqual(lintLive(ws, path, text), lintFresh(path, text));
      for (const muts of series) {
        text = mutate(text, muts);
        assert.deepStrictEqual(lintLive(ws, path, text), lintFresh(path, text));
      }
    }), { seed: 20261122, numRuns: CASES });
  });

  it('while values that rules compare are typed into real files', () => {
    // Typing changes a resource at a time and keeps the rest of the file valid: the case where
    // most steps are replayed.
    const typed = ['eu-west-1', 'Gateway', 'true', 'aws_vpc.main', '!Ref Vpc', '"*"', 'ssm'];
    for (const [n, sample] of pool.entries()) {
      if (n % 3 !== 0) continue;
      const path = `/live/${sample.file}`;
      const ws = new Workspace();
      lintLive(ws, path, sample.text);
      const at = (n * 7919) % (sample.text.length + 1);
      for (const text of keystrokes(sample.text, at, typed[n % typed.length])) {
        assert.deepStrictEqual(lintLive(ws, path, text), lintFresh(path, text), `${sample.name} with "${text.slice(at, at + 12)}" at ${at}`);
      }
    }
  });

  // An edit of one resource changes the findings on others that read it, whose own objects stay
  // the same: the steps about them must run again although their items did not change.
  const dependent = {
    Terraform: ['main.tf', (dns: string) => [
      `resource "aws_vpc" "main" {\n  cidr_block           = "10.0.0.0/16"\n  enable_dns_support   = ${dns}\n  enable_dns_hostnames = true\n}`,
      ...Array.from({ length: 30 }, (_, i) => `resource "aws_vpc_endpoint" "kms_${i}" {\n  vpc_id              = aws_vpc.main.id\n  service_name        = "com.amazonaws.eu-west-1.kms"\n  vpc_endpoint_type   = "Interface"\n  private_dns_enabled = true\n}`),
    ].join('\n\n')],
    CloudFormation: ['template.yaml', (dns: string) => [
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:',
      `  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n      EnableDnsSupport: ${dns}\n      EnableDnsHostnames: true`,
      ...Array.from({ length: 30 }, (_, i) => `  Kms${i}:\n    Type: AWS::EC2::VPCEndpoint\n    Properties:\n      VpcId: !Ref Vpc\n      ServiceName: !Sub com.amazonaws.\${AWS::Region}.kms\n      VpcEndpointType: Interface\n      PrivateDnsEnabled: true`),
    ].join('\n')],
  } as const;
  for (const [name, [file, text]] of Object.entries(dependent)) {
    it(`re-checks the ${name} resources that read a resource that changed`, () => {
      const path = `/live/${file}`;
      const ws = new Workspace();
      const count402 = (found: { code: string }[]) => found.filter((d) => d.code === 'VPCE402').length;
      for (const dns of ['true', 'false', 'true', 'false']) {
        const live = lintLive(ws, path, text(dns));
        assert.deepStrictEqual(live, lintFresh(path, text(dns)), `enable DNS support: ${dns}`);
        assert.strictEqual(count402(live), dns === 'false' ? 30 : 0);
      }
    });
  }

  for (const [name, file, text] of [['Terraform', 'main.tf', largeTerraformFile(1500)], ['CloudFormation', 'template.yaml', largeTemplate(1500)]] as const) {
    it(`on a 1,500-line ${name} file edited line by line`, () => {
      const path = `/live/${file}`;
      const ws = new Workspace();
      const lines = text.split('\n');
      lintLive(ws, path, text, 50);
      for (let k = 0; k < 24; k++) {
        const line = (k * 7919) % lines.length;
        // Append to a line, break it, or delete it: values, positions and resources all change.
        if (k % 3 === 0) lines[line] += 'x';
        else if (k % 3 === 1) lines.splice(line, 0, '');
        else lines.splice(line, 1);
        const now = lines.join('\n');
        assert.deepStrictEqual(lintLive(ws, path, now, 50), lintFresh(path, now, 50), `edit ${k} at line ${line}`);
      }
    });
  }
});
