// Extension-host test runner (the @vscode/test-electron convention: the host calls `run()` and
// reports its outcome). Bundled by test/e2e/build-suite.ts into out/e2e-suite/index.js. Console
// output of the extension host is not reliably forwarded, so the report goes to the file named by
// VPCE_LINT_E2E_REPORT (default: report.txt beside this file) for the outer process to print.
import * as fs from 'fs';
import Mocha from 'mocha';
import * as path from 'path';
import { takeNotes } from './notes';

/** Collects one line per test (and the failure details) and writes them when the run ends. */
class FileReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const reportFile = (options.reporterOptions as { file: string }).file;
    const lines: string[] = [];
    const failures: string[] = [];
    const title = (test: Mocha.Test): string => test.titlePath().join(' > ');
    const withNotes = (line: string): void => { lines.push(line, ...takeNotes().map((n) => `          ${n}`)); };
    runner.on('pass', (test) => withNotes(`  ok    ${title(test)} (${test.duration ?? 0} ms)`));
    runner.on('pending', (test) => lines.push(`  skip  ${title(test)}`));
    runner.on('fail', (test, err: Error) => {
      withNotes(`  FAIL  ${title(test)}`);
      failures.push(`${failures.length + 1}) ${title(test)}\n${err.stack ?? err.message}`);
    });
    runner.once('end', () => {
      const { passes, failures: failed, pending, duration } = this.stats;
      const summary = `${passes} passing, ${failed} failing, ${pending} pending (${duration ?? 0} ms)`;
      fs.writeFileSync(reportFile, [...lines, '', summary, ...(failures.length ? ['', ...failures] : []), ''].join('\n'));
    });
  }
}

export function run(): Promise<void> {
  const reportFile = process.env.VPCE_LINT_E2E_REPORT ?? path.join(__dirname, 'report.txt');
  const mocha = new Mocha({
    ui: 'bdd', timeout: 90_000, color: false, reporter: FileReporter, reporterOptions: { file: reportFile },
    // Reaches the extension host through code-server's (or test-electron's) environment.
    grep: process.env.VPCE_LINT_E2E_GREP,
  });
  // The tests are bundled into this file: expose describe/it, then load them.
  mocha.suite.emit('pre-require', globalThis, 'contract', mocha);
  require('./contract');
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host tests failed; see ${reportFile}`)) : resolve()));
  });
}
