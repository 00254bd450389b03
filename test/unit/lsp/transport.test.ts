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

  it('writes a publish as JSON.stringify would, reusing each diagnostic object\'s bytes', async () => {
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

  it('writes every other message with JSON.stringify', async () => {
    const m = { jsonrpc: '2.0', id: 7, result: { contents: { kind: 'markdown', value: 'ä' } } };
    assert.equal(await encode(m), JSON.stringify(m));
    const notice = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } };
    assert.equal(await encode(notice), JSON.stringify(notice));
  });
});
