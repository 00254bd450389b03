// Entry point of the `vpce-lint` command (bundled into dist/cli.js).
import { keepShortLivedObjectsYoung } from '../shared/gc';
import { runCli } from './run';

keepShortLivedObjectsYoung();

runCli(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr })
  .then((code) => { process.exitCode = code; })
  .catch((err: unknown) => {
    process.stderr.write(`vpce-lint: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  });
