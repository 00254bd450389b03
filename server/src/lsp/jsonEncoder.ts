// The JSON encoder of the stdio transport. A keystroke republishes the whole file's diagnostics
// (hundreds, half a megabyte of JSON) while almost all of them are the very objects sent last time
// (the publisher reuses the LSP object of an unchanged finding): the bytes of each file's last
// list are kept, and a publish copies the runs of diagnostics that were sent side by side last
// time as whole slices, encoding only the new ones. The output is the JSON that JSON.stringify
// would give.
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';

const PUBLISH = 'textDocument/publishDiagnostics';
const COMMA = Buffer.from(',');
/** Shorter lists are encoded afresh: cheap, and not worth keeping a buffer per file for. */
const KEEP_BYTES = 16 * 1024;

interface PublishParams { uri: string; diagnostics: object[]; [key: string]: unknown }

/** A file's last list: its items, the bytes of `item,item,...`, and where each item starts
 *  (`starts[n]` is one past the end, as if a comma followed the last item). */
interface Sent { items: readonly object[]; body: Buffer; starts: Int32Array; at?: Map<object, number> }

export function diagnosticsAwareEncoder(): ContentTypeEncoder {
  const sent = new Map<string, Sent>();
  return {
    name: 'application/json',
    encode(msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
      const params = (msg as { method?: string; params?: PublishParams }).params;
      if ((msg as { method?: string }).method !== PUBLISH || !params || typeof params.uri !== 'string' || !Array.isArray(params.diagnostics) || !isUtf8(options.charset)) {
        return Promise.resolve(Buffer.from(JSON.stringify(msg), options.charset));
      }
      const { diagnostics, ...rest } = params;
      // Built with `diagnostics` last and empty, the text ends in `[]}}`: the items go between.
      const frame = JSON.stringify({ jsonrpc: (msg as { jsonrpc: string }).jsonrpc, method: PUBLISH, params: { ...rest, diagnostics: [] } });
      const head = Buffer.from(frame.slice(0, -3));
      const tail = Buffer.from(frame.slice(-3));
      const list = encodeList(diagnostics, sent.get(params.uri));
      const bytes = Buffer.concat([head, ...list.parts, tail]);
      // The list's bytes are kept as a view of the message (which the transport only reads).
      const body = bytes.subarray(head.length, bytes.length - tail.length);
      if (body.length >= KEEP_BYTES) sent.set(params.uri, { items: diagnostics, body, starts: list.starts });
      else sent.delete(params.uri);
      return Promise.resolve(bytes);
    },
  };
}

/** The parts of the bytes of `items` joined by commas, slices of `last` where it had the same items
 *  in a row, and where each item starts. */
function encodeList(items: readonly object[], last: Sent | undefined): { parts: Uint8Array[]; starts: Int32Array } {
  const parts: Uint8Array[] = [];
  const starts = new Int32Array(items.length + 1);
  let offset = 0;
  // The run being copied from `last`: its first item there and its length.
  let runFrom = -1;
  let runLength = 0;
  // How far the last item found had moved: a finding added or gone shifts those after it.
  let shift = 0;
  const endRun = () => {
    if (runLength === 0) return;
    const from = last!.starts[runFrom];
    parts.push(last!.body.subarray(from, last!.starts[runFrom + runLength] - 1));
    parts.push(COMMA);
    runLength = 0;
  };
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    starts[i] = offset;
    let j = -1;
    if (last) {
      if (runLength && last.items[runFrom + runLength] === item) j = runFrom + runLength;
      else if (last.items[i + shift] === item) j = i + shift;
      else if (last.items[i] === item) j = i;
      else j = indexIn(last, item);
    }
    if (j >= 0) {
      shift = j - i;
      if (!runLength || j !== runFrom + runLength) {
        endRun();
        runFrom = j;
      }
      runLength++;
      offset += last!.starts[j + 1] - last!.starts[j];
      continue;
    }
    endRun();
    const bytes = Buffer.from(JSON.stringify(item));
    parts.push(bytes, COMMA);
    offset += bytes.length + 1;
  }
  endRun();
  starts[items.length] = offset;
  // Every part was followed by a comma: the last one is not part of the list.
  parts.pop();
  return { parts, starts };
}

/** Where `item` was in the last list (-1: it was not): indexed when first needed. */
function indexIn(last: Sent, item: object): number {
  if (!last.at) {
    last.at = new Map();
    for (let k = last.items.length - 1; k >= 0; k--) last.at.set(last.items[k], k);
  }
  return last.at.get(item) ?? -1;
}

function isUtf8(charset: string): boolean {
  return charset === 'utf-8' || charset === 'utf8';
}
