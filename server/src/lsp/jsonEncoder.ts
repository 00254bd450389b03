// The JSON encoder of the stdio transport. A keystroke republishes the whole file's diagnostics
// (hundreds, half a megabyte of JSON) while almost all of them are the very objects sent last time
// (the publisher reuses the LSP object of an unchanged finding): each diagnostic's bytes are kept
// with its object, and a publish is the concatenation of those bytes instead of a fresh
// JSON.stringify of everything. The output is the JSON that JSON.stringify would give.
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';
const COMMA = Buffer.from(',');

interface PublishParams { diagnostics: object[]; [key: string]: unknown }

export function diagnosticsAwareEncoder(): ContentTypeEncoder {
  // Keyed by the diagnostic object itself: bytes live exactly as long as the object is in use.
  const bytesOf = new WeakMap<object, Uint8Array>();
  const encoder = new TextEncoder();
  const encodeOne = (d: object): Uint8Array => {
    let bytes = bytesOf.get(d);
    if (!bytes) bytesOf.set(d, bytes = encoder.encode(JSON.stringify(d)));
    return bytes;
  };
  return {
    name: 'application/json',
    encode(msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
      const params = (msg as { method?: string; params?: PublishParams }).params;
      if ((msg as { method?: string }).method !== PUBLISH || !params || !Array.isArray(params.diagnostics) || !isUtf8(options.charset)) {
        return Promise.resolve(Buffer.from(JSON.stringify(msg), options.charset));
      }
      const { diagnostics, ...rest } = params;
      // Built with `diagnostics` last and empty, the text ends in `[]}}`: the items go between.
      const frame = JSON.stringify({ jsonrpc: (msg as { jsonrpc: string }).jsonrpc, method: PUBLISH, params: { ...rest, diagnostics: [] } });
      const parts: Uint8Array[] = [Buffer.from(frame.slice(0, -3))];
      for (let i = 0; i < diagnostics.length; i++) {
        if (i) parts.push(COMMA);
        parts.push(encodeOne(diagnostics[i]));
      }
      parts.push(Buffer.from(frame.slice(-3)));
      return Promise.resolve(Buffer.concat(parts));
    },
  };
}

function isUtf8(charset: string): boolean {
  return charset === 'utf-8' || charset === 'utf8';
}
