// What a user sees: the packaged extension in code-server, driven through Chromium. Opens main.tf,
// finds the squiggle and the Problems entry, applies the quick fix with Ctrl+. and checks the text.
// Screenshots of each step go to test-results/e2e/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { EditorSession, ensureTools, ensureVsix, openEditor, repoRoot } from './harness';

const shots = path.join(repoRoot, 'test-results/e2e');
const fixTitle = 'Use `eu-west-1` in the service name';
const uiTimeout = 60_000;

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
}

async function openWithQuickOpen(page: Page, file: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: uiTimeout });
  await input.fill(file);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: file }).first().waitFor({ timeout: uiTimeout });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: file }).waitFor({ timeout: uiTimeout });
}

describe('vpce-lint in the editor UI (code-server + Chromium)', function () {
  this.timeout(10 * 60_000);
  let session: EditorSession | undefined;

  before(function () {
    if (process.env.VPCE_LINT_SKIP_E2E === '1') {
      console.log('    skipped: VPCE_LINT_SKIP_E2E=1 (real-editor UI test)');
      this.skip();
    }
  });

  afterEach(async function () {
    // What the editor showed when a step timed out or an assertion failed.
    if (this.currentTest?.state === 'failed' && session) await screenshot(session.page, 'failed').catch(() => undefined);
  });

  after(async () => {
    await session?.close();
  });

  it('shows VPCE101 as a squiggle and in Problems, and Ctrl+. applies the region fix', async function () {
    const tools = ensureTools();
    const vsix = ensureVsix();
    fs.mkdirSync(shots, { recursive: true });
    session = await openEditor({ tools, vsix: [vsix], workspace: path.join(__dirname, 'workspace') });
    const { page } = session;
    const editor = page.locator('.editor-instance .monaco-editor').first();

    await openWithQuickOpen(page, 'main.tf');
    const squiggle = editor.locator('.squiggly-error').first();
    await squiggle.waitFor({ timeout: uiTimeout });
    await screenshot(page, '1-squiggle');

    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'VPCE101' });
    await problem.first().waitFor({ timeout: uiTimeout });
    assert.match(await problem.first().innerText(), /us-east-1/);
    await screenshot(page, '2-problems-panel');

    // Put the cursor on the squiggle the way a user would, then open the quick-fix menu.
    const box = await squiggle.boundingBox();
    assert.ok(box, 'the squiggle is visible');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: fixTitle });
    await fix.first().waitFor({ timeout: uiTimeout });
    await screenshot(page, '3-quick-fix-menu');
    await fix.first().click();

    await editor.locator('.view-lines', { hasText: 'com.amazonaws.eu-west-1.s3' }).waitFor({ timeout: uiTimeout });
    await problem.first().waitFor({ state: 'detached', timeout: uiTimeout });
    assert.strictEqual(await editor.locator('.view-lines', { hasText: 'com.amazonaws.us-east-1.s3' }).count(), 0);
    await screenshot(page, '4-fixed');
  });
});
