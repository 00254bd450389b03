// The lint runner: configured severities, inline and Metadata suppressions, unused suppressions,
// and isolation of a failing rule.
import * as assert from 'assert';
import { applyEdits, initEngine, RULES, Workspace, type Diagnostic, type Rule, type VpceLintConfig } from '../../server/src/engine';

const WRONG_REGION_TF = `provider "aws" {
  region = "eu-west-1"
}

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = "vpc-0123456789abcdef0"
  service_name = "com.amazonaws.us-east-1.s3"
  route_table_ids = ["rtb-0123456789abcdef0"]
}
`;

function lint(files: Record<string, string>, config: VpceLintConfig = {}, rules?: Rule[]): Diagnostic[] {
  const ws = new Workspace({ configFor: () => config, rules });
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  return [...ws.lintAll().values()].flat();
}
const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.severity} ${d.loc.range.start.line + 1}:${d.loc.range.start.character + 1}`);

describe('lint runner', () => {
  before(() => initEngine());

  it('reports VPCE101 at the region inside the service name', () => {
    const ds = lint({ '/m/main.tf': WRONG_REGION_TF }).filter((d) => d.code === 'VPCE101');
    assert.deepStrictEqual(summary(ds), ['VPCE101 error 7:33']);
    assert.strictEqual(ds[0].docsUrl, 'https://github.com/vpce-lint/vpce-lint/blob/main/docs/rules/VPCE101.md');
  });

  it('applies configured severities by code or name, and turns rules off', () => {
    const only101 = (c: VpceLintConfig) => summary(lint({ '/m/main.tf': WRONG_REGION_TF }, c).filter((d) => d.code === 'VPCE101'));
    assert.deepStrictEqual(only101({ rules: { VPCE101: 'warning' } }), ['VPCE101 warning 7:33']);
    assert.deepStrictEqual(only101({ rules: { 'service-region-mismatch': 'info' } }), ['VPCE101 info 7:33']);
    assert.deepStrictEqual(only101({ rules: { VPCE101: 'off' } }), []);
  });

  it('suppresses with a comment above the line, on the line, or for the file', () => {
    const above = WRONG_REGION_TF.replace('  service_name', '  # vpce-lint-ignore VPCE101 migrated next sprint\n  service_name');
    assert.deepStrictEqual(lint({ '/m/main.tf': above }).filter((d) => d.code === 'VPCE101' || d.code === 'VPCE002'), []);
    const trailing = WRONG_REGION_TF.replace('us-east-1.s3"', 'us-east-1.s3" // vpce-lint-ignore service-region-mismatch');
    assert.deepStrictEqual(lint({ '/m/main.tf': trailing }).filter((d) => d.code === 'VPCE101' || d.code === 'VPCE002'), []);
    const file = '# vpce-lint-ignore-file VPCE101\n' + WRONG_REGION_TF;
    assert.deepStrictEqual(lint({ '/m/main.tf': file }).filter((d) => d.code === 'VPCE101' || d.code === 'VPCE002'), []);
  });

  it('reports a suppression that suppresses nothing, with a fix that removes it', () => {
    const text = WRONG_REGION_TF.replace('  vpc_id', '  # vpce-lint-ignore VPCE401\n  vpc_id');
    const unused = lint({ '/m/main.tf': text }).filter((d) => d.code === 'VPCE002');
    assert.deepStrictEqual(summary(unused), ['VPCE002 info 6:3']);
    assert.strictEqual(unused[0].message, 'This `vpce-lint-ignore` comment (VPCE401) suppresses nothing; remove it.');
    assert.deepStrictEqual(unused[0].tags, ['unnecessary']);
    assert.strictEqual(applyEdits(text, unused[0].fixes[0].edits), WRONG_REGION_TF);
  });

  it('honours CloudFormation Metadata ignore entries and reports unused ones', () => {
    const template = (ignore: string) => JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Ep: {
          Type: 'AWS::EC2::VPCEndpoint',
          Metadata: { 'vpce-lint': { ignore: [ignore] } },
          Properties: { VpcId: 'vpc-0123456789abcdef0', ServiceName: 'com.amazonaws.eu-west-1.s3', RouteTableIds: ['rtb-0123456789abcdef0'] },
        },
      },
    }, null, 2);
    const used = lint({ '/t/template.json': template('VPCE102') });
    assert.deepStrictEqual(used.filter((d) => d.code === 'VPCE102' || d.code === 'VPCE002'), []);
    const unused = lint({ '/t/template.json': template('VPCE402') }).filter((d) => d.code === 'VPCE002');
    assert.deepStrictEqual(unused.map((d) => d.message), ['The `Metadata` `vpce-lint` ignore entry of `Ep` (VPCE402) suppresses nothing; remove it.']);
  });

  it('keeps going when one rule throws, and says which rule failed', () => {
    const broken: Rule = { meta: { ...RULES[0].meta, code: 'VPCE999', name: 'broken' }, check() { throw new Error('boom'); } };
    const ds = lint({ '/m/main.tf': WRONG_REGION_TF }, {}, [broken, ...RULES]);
    assert.ok(ds.some((d) => d.code === 'VPCE101'));
    assert.deepStrictEqual(ds.filter((d) => d.code === 'VPCE005').map((d) => d.message), ['Rule VPCE999 (broken) failed: boom']);
  });

  it('drops what a step reported before it threw, in the editor and in one-shot runs alike', () => {
    // The first endpoint's step reports and then throws: the rule fails there with nothing of it kept.
    let steps = 0;
    const halfway: Rule = {
      meta: { ...RULES[0].meta, code: 'VPCE998', name: 'halfway' },
      check(ctx) {
        ctx.each('endpoint', (r) => {
          ctx.report({ loc: r.nameLoc, message: 'reported before the throw' });
          if (steps++ === 0) throw new Error('midway');
        });
      },
    };
    const twoEndpoints = WRONG_REGION_TF + WRONG_REGION_TF.slice(WRONG_REGION_TF.indexOf('resource')).replace('"s3"', '"s3b"');
    for (const incremental of [true, false]) {
      steps = 0;
      const ws = new Workspace({ incremental, rules: [halfway] });
      ws.setFile('/m/main.tf', twoEndpoints);
      const ds = [...ws.lintAll().values()].flat();
      assert.deepStrictEqual(ds.map((d) => `${d.code} ${d.message}`), ['VPCE005 Rule VPCE998 (halfway) failed: midway'], `incremental: ${incremental}`);
    }
  });

  it('hands out an unchanged finding again after an edit, and lets go of one it no longer reports', () => {
    const second = WRONG_REGION_TF.slice(WRONG_REGION_TF.indexOf('resource')).replace('"s3"', '"s3b"');
    const ws = new Workspace();
    ws.setFile('/m/main.tf', WRONG_REGION_TF + second);
    const [kept, dropped] = [...ws.lintAll().values()].flat().filter((d) => d.code === 'VPCE101');
    // The second endpoint's service name is corrected: its finding goes, the first one stays.
    ws.setFile('/m/main.tf', WRONG_REGION_TF + second.replace('us-east-1', 'eu-west-1'));
    const now = [...ws.lintAll().values()].flat().filter((d) => d.code === 'VPCE101');
    assert.strictEqual(now.length, 1);
    assert.strictEqual(now[0], kept);
    assert.deepStrictEqual(kept.fixes.map((f) => [f.title, f.edits.map((e) => [e.range.start.line, e.newText])]), [
      ['Use `eu-west-1` in the service name', [[6, 'eu-west-1']]],
    ]);
    // A dropped finding no longer holds on to the lint that made it (nor offers its fixes).
    assert.deepStrictEqual(dropped.fixes, []);
  });

  it('reports syntax errors with their range and still lints the rest', () => {
    const ds = lint({ '/m/main.tf': WRONG_REGION_TF + '\nresource "aws_vpc" "x" {\n  cidr_block = \n' });
    assert.ok(ds.some((d) => d.code === 'VPCE001' && d.loc.range.start.line >= 9), JSON.stringify(summary(ds)));
    assert.ok(ds.some((d) => d.code === 'VPCE101'));
  });
});
