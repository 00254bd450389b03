// A stand-in language server for the latency floor: it answers every didChange with the same
// diagnostics (read from the file named by its first argument) and does nothing else, so timing
// it measures the protocol and transport alone (serialising, the pipe, the client's parse).
const { readFileSync } = require('fs');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const diagnostics = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const conn = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
const publish = (textDocument) => conn.sendNotification('textDocument/publishDiagnostics', { uri: textDocument.uri, version: textDocument.version, diagnostics });
conn.onRequest('initialize', () => ({ capabilities: { textDocumentSync: 2 } }));
conn.onNotification('initialized', () => undefined);
conn.onNotification('textDocument/didOpen', (p) => publish(p.textDocument));
conn.onNotification('textDocument/didChange', (p) => publish(p.textDocument));
conn.onRequest('shutdown', () => null);
conn.onNotification('exit', () => process.exit(0));
conn.listen();
