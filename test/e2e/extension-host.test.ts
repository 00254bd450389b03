// Runs the extension-host contract suite (test/e2e/suite/) against the packaged extension inside
// code-server and fails with the suite's own report when any of its tests failed.
import * as assert from 'assert';
import * as path from 'path';
import { buildSuite } from './build-suite';
import { ensureTools, ensureVsix, runExtensionHostSuite } from './harness';

describe('vpce-lint extension-host suite (code-server)', function () {
  this.timeout(15 * 60_000);

  before(function () {
    if (process.env.VPCE_LINT_SKIP_E2E === '1') {
      console.log('    skipped: VPCE_LINT_SKIP_E2E=1 (real-editor extension-host suite)');
      this.skip();
    }
  });

  it('passes every contract test in a real extension host', async () => {
    const tools = ensureTools();
    const result = await runExtensionHostSuite({
      tools,
      vsix: ensureVsix(),
      extensionId: 'vpce-lint.vpce-lint',
      suiteDir: buildSuite(),
      workspace: path.join(__dirname, 'workspace'),
      timeoutMs: 10 * 60_000,
    });
    console.log(result.report || '(the suite wrote no report)');
    if (!result.passed) console.log(`--- workbench log (last 60 lines) ---\n${result.log.slice(-60).join('\n')}`);
    assert.ok(result.passed, result.exitCode === undefined
      ? 'the suite did not finish (no codeAutomationExit)'
      : `the suite failed (codeAutomationExit(${result.exitCode})); report above`);
  });
});
