// What a keystroke's publish is made of: LSP diagnostics reused for unchanged findings, and the
// stdio encoder's bytes, which must be the JSON of the message whatever it reuses.
import { strict as assert } from 'node:assert';
import { docsUrl, type Diagnostic, type Loc } from '../../../server/src/engine';
import { LspDiagnostics } from '../../../server/src/lsp/diagnostics';
import { diagnosticsAwareEncoder } from '../../../server/src/lsp/jsonEncoder';

const uriOf = (path: string) => `file://${path}`;

function loc(line: number, start: number, end: number, file = '/w/main.tf'): Loc {
  return { file, range: { start: { line, character: start }, end: { line, character: end } } };
}

function finding(at: Loc, message: string, over: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code: 'VPCE402', name: 'private-dns-without-vpc-dns', severity: 'error', message, loc: at,
    related: [{ loc: loc(15, 25, 30), message: '`enable_dns_hostnames` of `aws_vpc.main`' }],
    tags: [], fixes: [], docsUrl: docsUrl('VPCE402'), ...over,
  };
}

describe('lsp: diagnostics reused between publishes', () => {
  it('hands back the same LSP object for an unchanged finding at the same place', () => {
    const lsp = new LspDiagnostics(uriOf);
    const at = loc(91, 24, 28);
    const first = lsp.convert(finding(at, 'Private DNS is enabled'));
    assert.equal(lsp.convert(finding(at, 'Private DNS is enabled')), first);
    assert.deepEqual(first, {
      range: at.range, severity: 1, code: 'VPCE402', codeDescription: { href: docsUrl('VPCE402') }, source: 'vpce-lint',
      message: 'Private DNS is enabled',
      relatedInformation: [{ location: { uri: 'file:///w/main.tf', range: loc(15, 25, 30).range }, message: '`enable_dns_hostnames` of `aws_vpc.main`' }],
    });
  });

  it('converts again whatever differs: message, severity, code, related place or message, tags', () => {
    const lsp = new LspDiagnostics(uriOf);
    const at = loc(91, 24, 28);
    const base = finding(at, 'm');
    const first = lsp.convert(base);
    const variants: Diagnostic[] = [
      finding(at, 'm2'),
      finding(at, 'm', { severity: 'warning' }),
      finding(at, 'm', { code: 'VPCE204', docsUrl: docsUrl('VPCE204') }),
      finding(at, 'm', { related: [{ loc: loc(16, 25, 30), message: base.related[0].message }] }),
      finding(at, 'm', { related: [{ loc: loc(15, 25, 30, '/w/other.tf'), message: base.related[0].message }] }),
      finding(at, 'm', { related: [{ loc: loc(15, 25, 30), message: 'other' }] }),
      finding(at, 'm', { related: [] }),
      finding(at, 'm', { tags: ['unnecessary'] }),
    ];
    for (const v of variants) {
      const converted = lsp.convert(v);
      assert.notEqual(converted, first, JSON.stringify(v));
      assert.equal(converted.message, v.message);
      assert.equal(converted.code, v.code);
    }
    // A finding at an equal but different location object is converted afresh too.
    assert.notEqual(lsp.convert(finding(loc(91, 24, 28), 'm')), first);
  });
});

describe('lsp: stdio encoder', () => {
  const encoder = diagnosticsAwareEncoder();
  const encode = async (msg: object) => Buffer.from(await encoder.encode(msg as never, { charset: 'utf-8' })).toString('utf8');

  it('writes a short publish as JSON.stringify would', async () => {
    const lsp = new LspDiagnostics(uriOf);
    const a = lsp.convert(finding(loc(1, 2, 3), 'first, with "quotes" and ünïcödé'));
    const b = lsp.convert(finding(loc(4, 5, 6), 'second'));
    const msg = (diagnostics: object[], version?: number) => ({
      jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/main.tf', version, diagnostics },
    });
    for (const m of [msg([a, b], 3), msg([b, a], 4), msg([a]), msg([], 5), msg([a, b, a], 6)]) {
      assert.equal(await encode(m), JSON.stringify(m));
    }
  });

  it('writes a long list as JSON.stringify would when it copies runs of the last list of the file', async () => {
    const lsp = new LspDiagnostics(uriOf);
    // Long enough (over 16 KB) for the encoder to keep its bytes between publishes.
    const all = Array.from({ length: 300 }, (_, i) => lsp.convert(finding(loc(i, 2, 9), `finding ${i}: "quoted", ünïcödé, ${'x'.repeat(i % 50)}`)));
    const fresh = (i: number) => lsp.convert(finding(loc(i, 2, 9), `changed ${i}`));
    const lists: [string, object[]][] = [
      ['first', all],
      ['the same items', [...all]],
      ['one replaced', [...all.slice(0, 120), fresh(120), ...all.slice(121)]],
      ['one inserted first', [fresh(-1), ...all]],
      ['one removed in the middle', [...all.slice(0, 150), ...all.slice(151)]],
      ['the last removed', all.slice(0, -1)],
      ['reversed', [...all].reverse()],
      ['an item twice', [...all.slice(0, 10), all[5], ...all.slice(10)]],
      ['blocks swapped', [...all.slice(200), ...all.slice(0, 200)]],
      ['short', all.slice(0, 3)],
      ['long again', all],
    ];
    for (const [what, diagnostics] of lists) {
      const m = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/main.tf', version: 1, diagnostics } };
      assert.equal(await encode(m), JSON.stringify(m), what);
    }
    const other = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/other.tf', diagnostics: all.slice(1) } };
    assert.equal(await encode(other), JSON.stringify(other));
  });

  it('writes every other message with JSON.stringify', async () => {
    const m = { jsonrpc: '2.0', id: 7, result: { contents: { kind: 'markdown', value: 'ä' } } };
    assert.equal(await encode(m), JSON.stringify(m));
    const notice = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } };
    assert.equal(await encode(notice), JSON.stringify(notice));
  });
});
