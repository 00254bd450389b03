// Runs the same extension-host suite under @vscode/test-electron on a machine with desktop VS Code
// (not these CI machines: it downloads VS Code unless given one). Usage, after `npm run build`:
//   node -r ./test/register.js test/e2e/run-electron.ts [path/to/code]
// The optional path (or $VSCODE_EXECUTABLE) is a local VS Code binary, which skips the download.
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildSuite } from './build-suite';
import { repoRoot } from './harness';

async function main(): Promise<number> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'vpce-lint-electron-'));
  const workspace = path.join(scratch, 'workspace');
  fs.cpSync(path.join(__dirname, 'workspace'), workspace, { recursive: true });
  const reportFile = path.join(scratch, 'report.txt');
  try {
    const exitCode = await runTests({
      vscodeExecutablePath: process.argv[2] ?? process.env.VSCODE_EXECUTABLE,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(buildSuite(), 'index.js'),
      extensionTestsEnv: { VPCE_LINT_E2E_REPORT: reportFile },
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', path.join(scratch, 'user-data')],
    });
    return exitCode;
  } catch (err) {
    console.error(err);
    return 1;
  } finally {
    console.log(fs.existsSync(reportFile) ? fs.readFileSync(reportFile, 'utf8') : '(the suite wrote no report)');
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
