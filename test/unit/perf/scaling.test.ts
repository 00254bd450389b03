// Linting stays linear in the size of its input: the indexes and caches that replaced per-finding
// scans give the same answers as the scans did, and large inputs lint in bounded time.
import * as assert from 'assert';
import fc from 'fast-check';
import { initEngine, Workspace, type Diagnostic } from '../../../server/src/engine';
import { linesOf, textAt } from '../../../server/src/engine/fileIndex';
import { parseJsonToVal } from '../../../server/src/engine/json';
import { parseYamlToVal } from '../../../server/src/engine/cloudformation/yaml';
import type { Resource, Scope, SourceFile } from '../../../server/src/engine/model';
import { type EndpointFacts, hasEndpoint } from '../../../server/src/engine/rules/endpoint-facts';
import type { EndpointType } from '../../../server/src/engine/rules/endpoints';

const endpoint = (i: number, vpc: string, service: string, extra = '') => `resource "aws_vpc_endpoint" "e${i}" {
  vpc_id              = ${vpc}
  service_name        = "com.amazonaws.eu-west-1.${service}"
  vpc_endpoint_type   = "Interface"
  private_dns_enabled = true${extra}
}
`;

function lintText(path: string, text: string): Diagnostic[] {
  const ws = new Workspace();
  ws.setFile(path, text);
  return [...ws.lintAll().values()].flat();
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

describe('linear linting', function () {
  this.timeout(120000);
  before(() => initEngine());

  it('lints 4,000 endpoints in one file with the same findings per endpoint as 1,000, in linear time', () => {
    const file = (n: number) => Array.from({ length: n }, (_, i) => endpoint(i, '"vpc-0123456789abcdef0"', 'ssm')).join('\n');
    lintText('/warm/main.tf', file(200));
    const small = timed(() => lintText('/small/main.tf', file(1000)));
    const large = timed(() => lintText('/large/main.tf', file(4000)));
    const perCode = (ds: Diagnostic[]) => {
      const counts: Record<string, number> = {};
      for (const d of ds) counts[d.code] = (counts[d.code] ?? 0) + 1;
      return counts;
    };
    // One duplicate-private-dns finding per endpoint after the first; the rest once per endpoint.
    assert.deepStrictEqual(perCode(small.value), { VPCE102: 1000, VPCE204: 999, VPCE205: 1000, VPCE504: 1000, VPCE601: 1000 });
    assert.deepStrictEqual(perCode(large.value), { VPCE102: 4000, VPCE204: 3999, VPCE205: 4000, VPCE504: 4000, VPCE601: 4000 });
    // Quadratic work made this ratio 16 and more; linear work keeps it near 4.
    assert.ok(large.ms < small.ms * 9, `1,000 endpoints: ${small.ms.toFixed(0)} ms, 4,000: ${large.ms.toFixed(0)} ms`);
  });

  it('uses the first matching suppression of many and reports the ones that suppress nothing', () => {
    const blocks = Array.from({ length: 300 }, (_, i) =>
      `# vpce-lint-ignore VPCE504 first\n# vpce-lint-ignore VPCE504 second\n${endpoint(i, '"vpc-0123456789abcdef0"', 'ssm', '\n  subnet_ids = ["subnet-0123456789abcdef0"]')}`);
    const ds = lintText('/supp/main.tf', blocks.join('\n'));
    assert.strictEqual(ds.filter((d) => d.code === 'VPCE504').length, 0);
    const unused = ds.filter((d) => d.code === 'VPCE002');
    // Both comments apply to the resource line below them: the first one in the file suppresses,
    // the `second` one of each block (lines 1, 11, 21...) is reported as unused.
    assert.strictEqual(unused.length, 300);
    assert.ok(unused.every((d) => d.message.includes('(VPCE504)')));
    assert.deepStrictEqual(unused.slice(0, 3).map((d) => d.loc.range.start.line), [1, 11, 21]);
  });

  it('indexes files by scope through adds, kind changes and deletes', () => {
    const ws = new Workspace();
    const tf = endpoint(1, '"vpc-0123456789abcdef0"', 'ssm');
    ws.setFile('/m/a.tf', tf);
    ws.setFile('/m/b.tf', tf.replace('e1', 'e2'));
    ws.setFile('/p/policy.json', '{"Version": "2012-10-17", "Statement": []}');
    assert.deepStrictEqual(ws.scopeIds(), ['tf:/m', 'file:/p/policy.json']);
    assert.deepStrictEqual(ws.filesOf('tf:/m'), ['/m/a.tf', '/m/b.tf']);
    ws.setFile('/p/policy.json', '{"not": "a policy"}');
    assert.deepStrictEqual(ws.scopeIds(), ['tf:/m']);
    ws.deleteFile('/m/a.tf');
    assert.deepStrictEqual(ws.filesOf('tf:/m'), ['/m/b.tf']);
    ws.deleteFile('/m/b.tf');
    assert.deepStrictEqual(ws.scopeIds(), []);
    assert.deepStrictEqual(ws.filesOf('tf:/m'), []);
  });

  it('answers hasEndpoint from its index exactly as a scan over every endpoint does', () => {
    const types: (EndpointType | undefined)[] = ['Gateway', 'Interface', undefined];
    const fact = fc.record({
      vpc: fc.constantFrom('a', 'b', undefined),
      service: fc.constantFrom('s3', 'ssm', 'ssm-fips', undefined),
      type: fc.constantFrom(...types),
    });
    const scan = (facts: EndpointFacts[], vpc: string, services: string[], type?: EndpointType) => {
      let maybe = false;
      for (const f of facts) {
        const vpcOk = f.vpc === undefined ? undefined : f.vpc === vpc;
        const svcOk = f.service === undefined ? undefined : services.includes(f.service);
        const typeOk = type === undefined ? true : f.type === undefined ? undefined : f.type === type;
        if (vpcOk === false || svcOk === false || typeOk === false) continue;
        if (vpcOk && svcOk && typeOk) return true;
        maybe = true;
      }
      return maybe ? undefined : false;
    };
    fc.assert(fc.property(
      fc.array(fact, { maxLength: 12 }), fc.constantFrom('a', 'b'), fc.subarray(['s3', 'ssm', 'ssm-fips']), fc.constantFrom(...types),
      (raw, vpc, services, type) => {
        const facts: EndpointFacts[] = raw.map((f) => ({ ep: {} as Resource, ...f }));
        assert.strictEqual(hasEndpoint(facts, vpc, services, type), scan(facts, vpc, services, type));
      }), { seed: 8, numRuns: 500 });
  });

  it('keeps a line index per file and rebuilds it when the text changes', () => {
    const file: SourceFile = { path: '/f.tf', kind: 'terraform', text: 'a\r\nbb\rccc\n', problems: [], suppressions: [] };
    const scope = { files: [file] } as unknown as Scope;
    assert.strictEqual(linesOf(file), linesOf(file));
    assert.deepStrictEqual([0, 1, 2, 3, 4].map((l) => linesOf(file).lineText(l)), ['a', 'bb', 'ccc', '', '']);
    assert.strictEqual(textAt(scope, { file: '/f.tf', range: { start: { line: 1, character: 1 }, end: { line: 2, character: 2 } } }), 'b\rcc');
    file.text = 'x\ny';
    assert.strictEqual(linesOf(file).lineText(1), 'y');
    assert.strictEqual(textAt(scope, { file: '/other.tf', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }), undefined);
  });

  it('parses a template text once for detection, the front end and fixes, and again when it changes', () => {
    const yaml = 'Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n';
    const first = parseYamlToVal(yaml, '/t.yaml');
    assert.strictEqual(parseYamlToVal(yaml, '/t.yaml'), first);
    const changed = parseYamlToVal(yaml.replace('Vpc', 'Net'), '/t.yaml');
    assert.notStrictEqual(changed, first);
    assert.strictEqual(changed.val?.t === 'obj' && changed.val.entries[0].value.t === 'obj' && changed.val.entries[0].value.entries[0].key, 'Net');
    const json = '{"a": [1, 2]}';
    const at = parseJsonToVal(json, '/t.json');
    assert.strictEqual(parseJsonToVal(json, '/t.json'), at);
    // The same text embedded elsewhere in the file has other positions.
    const shifted = parseJsonToVal(json, '/t.json', { line: 4, character: 2 });
    assert.notStrictEqual(shifted, at);
    assert.deepStrictEqual(shifted.val?.loc.range.start, { line: 4, character: 2 });
    assert.strictEqual(parseJsonToVal(json, '/t.json'), at);
  });
});
