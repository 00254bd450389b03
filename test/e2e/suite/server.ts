// Reaching the language server behind the extension: its process id (through the extension's
// unlisted `vpceLint.serverInfo` command) and what the client wrote to the vpce-lint output channel.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export async function serverPid(): Promise<number> {
  const info = await vscode.commands.executeCommand<{ pid?: unknown } | undefined>('vpceLint.serverInfo');
  assert.ok(info && typeof info.pid === 'number' && Number.isInteger(info.pid) && info.pid > 0,
    `vpceLint.serverInfo answered ${JSON.stringify(info)}`);
  return info.pid;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The text of the `channel` log output channel, read from its log file under the user data dir
 * the harness names in VPCE_LINT_E2E_USER_DATA; undefined when not run by that harness.
 */
export function outputChannelText(channel: string): string | undefined {
  const userData = process.env.VPCE_LINT_E2E_USER_DATA;
  if (!userData) return undefined;
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === `${channel}.log`) files.push(full);
    }
  };
  walk(path.join(userData, 'logs'));
  return files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** Resolves with the channel's text once `done(text)` holds; the log file is written in the background. */
export async function waitForOutput(channel: string, done: (text: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = outputChannelText(channel) ?? '';
    if (done(text)) return text;
    if (Date.now() > deadline) throw new Error(`the ${channel} output channel did not show ${what} within ${timeoutMs} ms; it says:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
