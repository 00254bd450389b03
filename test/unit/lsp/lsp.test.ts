// Language-server pieces that need no running server: settings, code actions,
// completion, and the manifest/schema/grammar files that describe them to VS Code.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_DIAGNOSTICS, RULES, docsUrl, type Diagnostic } from '../../../server/src/engine';
import { codeActions } from '../../../server/src/lsp/codeActions';
import { completionsAt } from '../../../server/src/lsp/completion';
import { describeServiceName } from '../../../server/src/lsp/hover';
import { readSettings } from '../../../server/src/lsp/settings';

const ROOT = join(__dirname, '..', '..', '..');
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

function finding(file: string, line: number, start: number, end: number, code = 'VPCE401'): Diagnostic {
  return {
    code, name: 'interface-without-private-dns', severity: 'warning', message: `m ${code}`,
    loc: { file, range: { start: { line, character: start }, end: { line, character: end } } },
    related: [], tags: [], docsUrl: docsUrl(code),
    fixes: [{ title: 'Set it', safe: true, preferred: true, edits: [{ file, range: { start: { line, character: end }, end: { line, character: end } }, newText: '!' }] }],
  };
}
const lsp = (d: Diagnostic) => ({ range: d.loc.range, message: d.message, code: d.code, source: 'vpce-lint' });

describe('lsp: settings', () => {
  it('keeps valid settings and replaces invalid ones by defaults, saying why', () => {
    const warnings: string[] = [];
    const s = readSettings({ enable: true, rules: { VPCE401: 'hint', VPCE101: 'loud' }, ignore: ['x/**'], cloudFormationRegion: '', maxFileSizeKb: -3, debounceMs: 0 }, (m) => warnings.push(m));
    assert.deepEqual(s, { enable: true, config: { rules: { VPCE401: 'hint' }, ignore: ['x/**'] }, maxFileSizeKb: 2048, debounceMs: 0 });
    assert.equal(warnings.length, 2);
    assert.match(warnings[0], /VPCE101.*loud/);
    assert.match(warnings[1], /maxFileSizeKb/);
  });
});

describe('lsp: code actions', () => {
  const yaml = 'Resources:\n  Ep:\n    Type: AWS::EC2::VPCEndpoint\n';
  it('disables a line in YAML with a # comment indented like the line', () => {
    const d = finding('/t.yaml', 1, 2, 4);
    const actions = codeActions({
      path: '/t.yaml', text: yaml, kind: 'cloudformation-yaml', diagnostics: [d], range: d.loc.range,
      context: { diagnostics: [lsp(d)] }, uriOf: (p) => `file://${p}`,
    });
    const line = actions.find((a) => a.title === 'Disable VPCE401 for this line')!;
    assert.deepEqual(line.edit!.changes!['file:///t.yaml'], [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '  # vpce-lint-ignore VPCE401\n' }]);
    const file = actions.find((a) => a.title === 'Disable VPCE401 for this file')!;
    assert.equal(file.edit!.changes!['file:///t.yaml'][0].newText, '# vpce-lint-ignore-file VPCE401\n');
  });
  it('offers no suppression comment in JSON, and fix-all merges every safe fix of the code', () => {
    const a = finding('/t.json', 1, 2, 4);
    const b = finding('/t.json', 2, 2, 4);
    const actions = codeActions({
      path: '/t.json', text: '{\n  "A": 1,\n  "B": 2\n}\n', kind: 'cloudformation-json', diagnostics: [a, b], range: a.loc.range,
      context: { diagnostics: [lsp(a)] }, uriOf: (p) => `file://${p}`,
    });
    assert.deepEqual(actions.map((x) => x.title), ['Set it', 'Fix all VPCE401 problems in this file', 'Show documentation for VPCE401']);
    assert.deepEqual(actions[1].edit!.changes!['file:///t.json'].map((e) => e.range.start.line), [1, 2]);
  });
  it('ignores diagnostics it did not publish (stale or from another tool)', () => {
    const d = finding('/t.tf', 0, 0, 1);
    const actions = codeActions({
      path: '/t.tf', text: 'x\n', kind: 'terraform', diagnostics: [d], range: d.loc.range,
      context: { diagnostics: [{ ...lsp(d), message: 'older message' }] }, uriOf: (p) => `file://${p}`,
    });
    assert.deepEqual(actions, []);
  });
});

describe('lsp: completion and hover without a model', () => {
  it('keeps a !Sub region expression and completes the service part', () => {
    const text = 'Resources:\n  Ep:\n    Properties:\n      ServiceName: !Sub com.amazonaws.${AWS::Region}.ecr.d\n';
    const items = completionsAt({ scope: undefined, path: '/t.yaml', text, kind: 'cloudformation-yaml', position: { line: 3, character: 58 } });
    const dkr = items.find((i) => i.label === 'com.amazonaws.${AWS::Region}.ecr.dkr');
    assert.ok(dkr, items.slice(0, 3).map((i) => i.label).join());
    assert.deepEqual(dkr.textEdit, { range: { start: { line: 3, character: 24 }, end: { line: 3, character: 58 } }, newText: 'com.amazonaws.${AWS::Region}.ecr.dkr' });
  });
  it('uses the configured CloudFormation region when the value is empty', () => {
    const text = '      ServiceName: ""\n';
    const items = completionsAt({ scope: undefined, path: '/t.yaml', text, kind: 'cloudformation-yaml', position: { line: 0, character: 20 }, cloudFormationRegion: 'ap-south-1' });
    assert.ok(items.some((i) => i.label === 'com.amazonaws.ap-south-1.ssmmessages'));
  });
  it('offers nothing outside service names and ignore comments', () => {
    assert.deepEqual(completionsAt({ scope: undefined, path: '/t.tf', text: '  name = "com.amazonaws."\n', kind: 'terraform', position: { line: 0, character: 24 } }), []);
  });
  it('describes China names and unknown services', () => {
    assert.match(describeServiceName('cn.com.amazonaws.cn-north-1.ecr.dkr', 'cn.com.amazonaws.cn-north-1.ecr.dkr')!, /Region: `cn-north-1` \(China \(Beijing\)\)/);
    assert.match(describeServiceName('com.amazonaws.eu-west-1.secretmanager', 'com.amazonaws.eu-west-1.secretmanager')!, /Unknown endpoint service\*\* `secretmanager`/);
  });
});

describe('extension manifest, schema and grammar', () => {
  const metas = [...ENGINE_DIAGNOSTICS, ...RULES.map((r) => r.meta)];
  it('the .vpce-lint.json schema and the rules setting list every rule by code and name', () => {
    const schema = json('schemas/vpce-lint.schema.json');
    const pkg = json('package.json');
    const ruleSetting = pkg.contributes.configuration.properties['vpceLint.rules'];
    for (const m of metas) {
      assert.ok(schema.properties.rules.propertyNames.enum.includes(m.code), m.code);
      assert.ok(schema.properties.rules.propertyNames.enum.includes(m.name), m.name);
      assert.deepEqual(ruleSetting.properties[m.code].enum, ['off', 'error', 'warning', 'info', 'hint']);
      assert.equal(ruleSetting.properties[m.code].description, `${m.name} (default: ${m.severity})`);
    }
  });
  it('contributes every setting the server reads and every command the client registers', () => {
    const pkg = json('package.json');
    const settings = Object.keys(pkg.contributes.configuration.properties).sort();
    assert.deepEqual(settings, ['vpceLint.cloudFormationRegion', 'vpceLint.debounceMs', 'vpceLint.enable', 'vpceLint.ignore', 'vpceLint.maxFileSizeKb', 'vpceLint.rules', 'vpceLint.trace.server']);
    const client = readFileSync(join(ROOT, 'client/src/extension.ts'), 'utf8');
    for (const c of pkg.contributes.commands) assert.ok(client.includes(`'${c.command}'`), c.command);
  });
  it('the injection grammar finds service names and endpoint ids', () => {
    const grammar = json('syntaxes/vpce-lint.injection.json');
    const name = new RegExp(grammar.repository['service-name'].match);
    assert.deepEqual(name.exec('"com.amazonaws.${AWS::Region}.ecr.dkr"')!.slice(1), ['com.amazonaws', '${AWS::Region}', 'ecr.dkr']);
    assert.deepEqual(name.exec('cn.com.amazonaws.cn-north-1.sts')!.slice(1), ['cn.com.amazonaws', 'cn-north-1', 'sts']);
    assert.equal(name.exec('xcom.amazonaws.eu-west-1.s3'), null);
    const id = new RegExp(grammar.repository['endpoint-id'].match);
    assert.ok(id.test('"vpce-0a1b2c3d4e5f67890"'));
    assert.equal(id.test('vpce-svc-0a1b2c3d'), false);
  });
});
