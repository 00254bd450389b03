// What a user of vpce-lint sees in VS Code, checked through the `vscode` API in a real extension
// host on the test/e2e/workspace folder (a temporary copy of it).
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  codeOf, copyToRun, describeDiagnostics, extensionId, lintAfter, openFile, ourDiagnostics, plainRange, rangeOf,
  source, waitForCode, waitForDiagnostics, waitForNoCode, workspaceRoot,
} from './editor';
import { note } from './notes';
import { isRunning, outputChannelText, serverPid, waitForOutput } from './server';
import { contributedSnippets, fileExtensionFor, hostFor, snippetMarker } from './snippets';

const fixedLine = '  service_name      = "com.amazonaws.eu-west-1.s3"';
const fixTitle = 'Use `eu-west-1` in the service name';

function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), rel);
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `extension ${extensionId} is not installed`);
  return ext;
}

function markdownText(contents: vscode.Hover['contents']): string {
  return contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

describe('vpce-lint in VS Code', () => {
  it('activates by itself when a Terraform file is opened', async () => {
    const uri = fileUri('main.tf');
    await openFile(uri);
    // No explicit activate(): the manifest's activation events must do it.
    await waitForDiagnostics(uri, (ds) => ds.some((d) => d.source === source), `any ${source} diagnostic`);
    assert.strictEqual(extension().isActive, true);
  });

  it('reports VPCE101 on the region inside the Terraform service name', async () => {
    const doc = (await openFile(fileUri('main.tf'))).document;
    const diag = await waitForCode(doc.uri, 'VPCE101');
    assert.strictEqual(diag.source, source);
    assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(plainRange(diag.range), plainRange(rangeOf(doc, 'us-east-1', 'com.amazonaws.')));
    assert.match(diag.message, /us-east-1/);
    assert.match(diag.message, /eu-west-1/);
  });

  for (const [file, endpoint] of [['endpoints.yaml', 'SsmEndpoint'], ['endpoints.json', 'SecretsManagerEndpoint']]) {
    it(`reports VPCE401 on the Interface endpoint without private DNS in ${file}`, async () => {
      const doc = (await openFile(fileUri(file))).document;
      const diag = await waitForCode(doc.uri, 'VPCE401');
      assert.strictEqual(diag.source, source);
      assert.strictEqual(diag.severity, vscode.DiagnosticSeverity.Warning);
      const resourceStart = rangeOf(doc, endpoint).start.line;
      assert.ok(diag.range.start.line >= resourceStart,
        `VPCE401 at ${plainRange(diag.range)} is not inside ${endpoint} (from line ${resourceStart})`);
      assert.strictEqual(ourDiagnostics(doc.uri).filter((d) => codeOf(d) === 'VPCE401').length, 1,
        `one VPCE401 expected: ${describeDiagnostics(ourDiagnostics(doc.uri))}`);
    });
  }

  it('hover on the service name describes the service', async () => {
    const doc = (await openFile(fileUri('main.tf'))).document;
    await waitForCode(doc.uri, 'VPCE101');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider', doc.uri, rangeOf(doc, 's3"', 'com.amazonaws.').start);
    const text = hovers.map((h) => markdownText(h.contents)).join('\n');
    assert.match(text, /\bS3\b/i, `hover text: ${JSON.stringify(text)}`);
  });

  it('completion inside service_name offers com.amazonaws.eu-west-1.s3', async () => {
    const doc = (await openFile(fileUri('main.tf'))).document;
    await waitForCode(doc.uri, 'VPCE101');
    const insideQuotes = rangeOf(doc, 'com.amazonaws.us-east-1.s3').start;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', doc.uri, insideQuotes);
    const offered = list.items.flatMap((item) => [
      typeof item.label === 'string' ? item.label : item.label.label,
      typeof item.insertText === 'string' ? item.insertText : item.insertText?.value,
      item.textEdit?.newText,
    ]);
    assert.ok(offered.includes('com.amazonaws.eu-west-1.s3'),
      `offered: ${list.items.slice(0, 30).map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).join(', ')}`);
  });

  it(`quick fix "${fixTitle}" fixes VPCE101`, async () => {
    const uri = await copyToRun('main.tf', 'quick-fix');
    const doc = (await openFile(uri)).document;
    const diag = await waitForCode(uri, 'VPCE101');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === fixTitle);
    assert.ok(fix, `quick fixes offered: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
    assert.ok(fix.edit, 'the quick fix carries a workspace edit');
    assert.strictEqual(await vscode.workspace.applyEdit(fix.edit), true);
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.strictEqual(doc.lineAt(diag.range.start.line).text, fixedLine);
    await waitForNoCode(uri, 'VPCE101');
  });

  describe('snippets', () => {
    const ext = vscode.extensions.getExtension(extensionId);
    const snippets = ext ? contributedSnippets(ext) : [];
    it('the extension contributes snippets', () => {
      assert.ok(snippets.length > 0, `${extensionId} contributes no snippets (package.json contributes.snippets)`);
    });
    snippets.forEach((snippet, i) => {
      it(`${snippet.name} (${snippet.language}) adds no error or warning when inserted`, async () => {
        const host = hostFor(snippet.language, snippet.body);
        const uri = vscode.Uri.joinPath(workspaceRoot(), 'runs', `snippet-${i}`, `snippet${fileExtensionFor(extension(), snippet.language)}`);
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(host.replace(snippetMarker, '')));
        let editor: vscode.TextEditor | undefined;
        const before = await lintAfter(uri, async () => {
          editor = await openFile(uri);
          if (editor.document.languageId !== snippet.language) {
            editor = await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(editor.document, snippet.language));
          }
        });
        const target = editor as vscode.TextEditor;
        const at = target.document.positionAt(host.indexOf(snippetMarker));
        const after = await lintAfter(uri, () => target.insertSnippet(new vscode.SnippetString(snippet.body), at));
        // Findings of the host text alone are not the snippet's; only what inserting it added counts.
        const remaining = before.filter((d) => d.source === source).map((d) => `${codeOf(d)} ${d.message}`);
        const added = after.filter((d) => d.source === source).filter((d) => {
          const seen = remaining.indexOf(`${codeOf(d)} ${d.message}`);
          if (seen >= 0) remaining.splice(seen, 1);
          return seen < 0;
        });
        assert.ok(target.document.getText().length > host.length - snippetMarker.length, 'the snippet inserted text');
        // Advice (info, hint) such as VPCE601 "no endpoint policy" is allowed; it goes to the report.
        const serious = (d: vscode.Diagnostic) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning;
        const summary = (d: vscode.Diagnostic) => `${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]} line ${d.range.start.line + 1}: ${d.message}`;
        assert.deepStrictEqual(added.filter(serious).map(summary), [],
          `text after inserting the snippet:\n${target.document.getText()}`);
        for (const advice of added.filter((d) => !serious(d))) note(summary(advice));
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      });
    });
  });

  it('fix-on-save (source.fixAll.vpceLint) rewrites the region when saving', async () => {
    const editorConfig = vscode.workspace.getConfiguration('editor');
    await editorConfig.update('codeActionsOnSave', { 'source.fixAll.vpceLint': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      const uri = await copyToRun('main.tf', 'fix-on-save');
      const doc = (await openFile(uri)).document;
      const diag = await waitForCode(uri, 'VPCE101');
      // The user's Ctrl+S: an explicit save, which runs the configured code actions first.
      await vscode.commands.executeCommand('workbench.action.files.save');
      assert.strictEqual(doc.lineAt(diag.range.start.line).text, fixedLine);
      assert.strictEqual(doc.isDirty, false);
      const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.ok(onDisk.includes(fixedLine), 'the fixed text is what was saved');
      await waitForNoCode(uri, 'VPCE101');
    } finally {
      await editorConfig.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('restarts a crashed language server, which reports again with the user\'s settings', async () => {
    const uri = fileUri('main.tf');
    await openFile(uri);
    const has = (ds: vscode.Diagnostic[], code: string) => ds.some((d) => d.source === source && codeOf(d) === code);
    // main.tf has a VPCE601 by default: turning it off is a setting the new server must pick up again.
    await waitForDiagnostics(uri, (ds) => has(ds, 'VPCE101') && has(ds, 'VPCE601'), 'VPCE101 and VPCE601');
    const lintConfig = vscode.workspace.getConfiguration('vpceLint');
    await lintConfig.update('rules', { VPCE601: 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitForDiagnostics(uri, (ds) => has(ds, 'VPCE101') && !has(ds, 'VPCE601'), 'VPCE101 without VPCE601 (turned off)');
      const restartsIn = (log: string) => log.match(/stopped unexpectedly; restarting it/g)?.length ?? 0;
      const loggedBefore = restartsIn(outputChannelText('vpce-lint') ?? '');
      const crashed = await serverPid();

      // The client drops the dead server's diagnostics, so VPCE101 reappearing means the new server published it.
      const cleared = waitForDiagnostics(uri, (ds) => !has(ds, 'VPCE101'), 'the crashed server\'s findings to be cleared');
      process.kill(crashed, 'SIGKILL');
      await cleared;
      const after = await waitForDiagnostics(uri, (ds) => has(ds, 'VPCE101'), 'VPCE101 from the restarted server');

      assert.strictEqual(has(after, 'VPCE601'), false, `VPCE601 is off in the settings: ${describeDiagnostics(after)}`);
      const restarted = await serverPid();
      assert.notStrictEqual(restarted, crashed, 'a new server process answers');
      assert.strictEqual(isRunning(crashed), false, `the killed server (pid ${crashed}) is gone`);
      if (outputChannelText('vpce-lint') !== undefined) {
        await waitForOutput('vpce-lint', (log) => restartsIn(log) > loggedBefore, 'that the server restarted');
      }
    } finally {
      await lintConfig.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
