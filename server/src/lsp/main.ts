// Entry point of the language server (dist/server.js): `--stdio` or `--node-ipc`, chosen by the
// command line as vscode-languageserver reads it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { VpceLintServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// Last line of defence: a stray error is logged, never fatal.
process.on('uncaughtException', (err) => connection.console.error(`Uncaught: ${err.stack ?? err.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection: ${String(reason)}`));

new VpceLintServer(connection).listen();
