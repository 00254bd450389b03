// Entry point of the language server (dist/server.js): `--stdio` or `--node-ipc`, chosen by the
// command line as vscode-languageserver reads it. Over stdio the messages are written with an
// encoder that reuses each unchanged diagnostic's JSON (jsonEncoder.ts).
import { Console } from 'node:console';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { keepShortLivedObjectsYoung } from '../shared/gc';
import { diagnosticsAwareEncoder } from './jsonEncoder';
import { VpceLintServer } from './server';

keepShortLivedObjectsYoung();

function stdioConnection(): Connection {
  // stdout carries the protocol: anything the code or a library prints goes to stderr (the
  // client's output channel) instead.
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin),
    new StreamMessageWriter(process.stdout, { contentTypeEncoder: diagnosticsAwareEncoder() }));
  // As vscode-languageserver does for its own stdio connection: the server ends with its client.
  let shutdown = false;
  connection.onShutdown(() => { shutdown = true; });
  for (const event of ['end', 'close']) process.stdin.on(event, () => process.exit(shutdown ? 0 : 1));
  return connection;
}

const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);

// Last line of defence: a stray error is logged, never fatal.
process.on('uncaughtException', (err) => connection.console.error(`Uncaught: ${err.stack ?? err.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

new VpceLintServer(connection).listen();
