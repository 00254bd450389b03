// Small helpers over the `vscode` API for the contract suite: open copies of workspace files,
// wait for diagnostics by listening to onDidChangeDiagnostics (a deadline, never a fixed sleep).
import * as path from 'path';
import * as vscode from 'vscode';

export const extensionId = 'vpce-lint.vpce-lint';
export const source = 'vpce-lint';
/** Long enough for a cold language server (wasm grammar load) inside code-server. */
export const lintTimeoutMs = 45_000;

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs the test/e2e/workspace folder open');
  return folder.uri;
}

export async function openFile(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** Copies a workspace file into its own folder under runs/ (a separate Terraform module), so a test may edit it freely. */
export async function copyToRun(relPath: string, runName: string): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(workspaceRoot(), 'runs', runName, path.basename(relPath));
  await vscode.workspace.fs.copy(vscode.Uri.joinPath(workspaceRoot(), relPath), target, { overwrite: true });
  return target;
}

export function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === source);
}

export function describeDiagnostics(diags: readonly vscode.Diagnostic[]): string {
  if (!diags.length) return '(none)';
  return diags.map((d) => `${d.source}/${codeOf(d)} ${plainRange(d.range)} ${d.message}`).join('; ');
}

/** A range as `line:char-line:char` (zero-based), so assertion failures read well. */
export function plainRange(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Resolves once `done(diagnostics of uri)` is true (checked now and on every change to uri); rejects at the deadline. */
export function waitForDiagnostics(
  uri: vscode.Uri, done: (diags: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = lintTimeoutMs,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const diags = vscode.languages.getDiagnostics(uri);
      if (!done(diags)) return false;
      finish();
      resolve(diags);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      finish();
      // Files that did get findings show whether linting ran at all and under which URIs.
      const elsewhere = vscode.languages.getDiagnostics().filter(([u, ds]) => u.toString() !== uri.toString() && ds.length)
        .map(([u, ds]) => `${u.toString()} (${ds.length})`).join(', ') || '(none)';
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} in ${uri.toString()}; its diagnostics: `
        + `${describeDiagnostics(vscode.languages.getDiagnostics(uri))}; other files with diagnostics: ${elsewhere}`));
    }, timeoutMs);
    const finish = (): void => { listener.dispose(); clearTimeout(timer); };
    check();
  });
}

export function waitForCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic> {
  const find = (diags: vscode.Diagnostic[]) => diags.find((d) => d.source === source && codeOf(d) === code);
  return waitForDiagnostics(uri, (diags) => find(diags) !== undefined, `a ${source} ${code} diagnostic`)
    .then((diags) => find(diags) as vscode.Diagnostic);
}

export function waitForNoCode(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic[]> {
  return waitForDiagnostics(uri, (diags) => !diags.some((d) => d.source === source && codeOf(d) === code), `${code} to go away`);
}

/**
 * Runs `action`, then waits until the diagnostics of `uri` were published at least once and then
 * stayed unchanged for `quietMs`: the language server has linted the text `action` produced.
 */
export function lintAfter(uri: vscode.Uri, action: () => Thenable<unknown>, quietMs = 1000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let quietTimer: NodeJS.Timeout | undefined;
    const settle = (): void => {
      clearTimeout(quietTimer);
      quietTimer = setTimeout(() => { finish(); resolve(vscode.languages.getDiagnostics(uri)); }, quietMs);
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) settle();
    });
    const deadline = setTimeout(() => {
      finish();
      reject(new Error(`no diagnostics were published for ${uri.path} within ${lintTimeoutMs} ms`));
    }, lintTimeoutMs);
    const finish = (): void => { listener.dispose(); clearTimeout(deadline); clearTimeout(quietTimer); };
    action().then(undefined, (err: unknown) => { finish(); reject(err); });
  });
}

/** Range of the first occurrence of `needle` at or after `after` in the document. */
export function rangeOf(doc: vscode.TextDocument, needle: string, after = ''): vscode.Range {
  const text = doc.getText();
  const from = after ? text.indexOf(after) : 0;
  const at = from < 0 ? -1 : text.indexOf(needle, from);
  if (at < 0) throw new Error(`${needle} not found in ${doc.uri.path}`);
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}
