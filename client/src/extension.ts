// The VS Code side: starts the vpce-lint language server over stdio, shows its state in the
// status bar and offers the commands. All linting happens in the server.
import * as vscode from 'vscode';
import {
  CloseAction, LanguageClient, RevealOutputChannelOn, State, TransportKind,
  type CloseHandlerResult, type ErrorHandler, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { docsUrl } from '../../server/src/engine/lint';

const STATUS_NOTIFICATION = 'vpceLint/status';
const LINT_WORKSPACE_REQUEST = 'vpceLint/lintWorkspace';
const RULES_REQUEST = 'vpceLint/rules';
const SERVER_INFO_REQUEST = 'vpceLint/serverInfo';
const FIX_ALL_KIND = 'source.fixAll.vpceLint';
const SOURCE = 'vpce-lint';
/** languageclient's default: this many restarts within three minutes, then it gives up. */
const MAX_RESTARTS = 4;

interface RuleSummary { code: string; name: string; summary: string; docsUrl: string }

let client: LanguageClient | undefined;
let indexing = false;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('vpce-lint', { log: true });
  const status = vscode.window.createStatusBarItem('vpceLint.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'vpce-lint';
  status.command = 'workbench.actions.view.problems';
  context.subscriptions.push(output, status);
  const updateStatus = () => renderStatus(status);

  const serverModule = context.asAbsolutePath('dist/server.js');
  // stdio: the server's encoder reuses the JSON of unchanged diagnostics there (IPC serialises
  // every message whole).
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const languages = ['terraform', 'terraform-vars', 'yaml', 'json', 'jsonc'];
  const clientOptions: LanguageClientOptions = {
    documentSelector: languages.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
    synchronize: { configurationSection: 'vpceLint' },
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: restartLogging(output),
  };
  client = new LanguageClient('vpceLint', 'vpce-lint', serverOptions, clientOptions);
  const lc = client;

  context.subscriptions.push(
    vscode.commands.registerCommand('vpceLint.lintWorkspace', () => lc.sendRequest(LINT_WORKSPACE_REQUEST)),
    vscode.commands.registerCommand('vpceLint.restartServer', async () => {
      output.info('Restarting the vpce-lint server.');
      await lc.restart();
    }),
    // Not in the command palette (package.json does not contribute it): the real-editor tests use it.
    vscode.commands.registerCommand('vpceLint.serverInfo', () => lc.sendRequest<{ pid: number }>(SERVER_INFO_REQUEST)),
    vscode.commands.registerCommand('vpceLint.fixAllInFile', () =>
      vscode.commands.executeCommand('editor.action.codeAction', { kind: FIX_ALL_KIND, apply: 'first' })),
    vscode.commands.registerCommand('vpceLint.showRuleDocumentation', (code?: string) => showDocumentation(context, lc, code)),
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    lc.onDidChangeState(updateStatus),
    lc.onNotification(STATUS_NOTIFICATION, (s: { state: 'indexing' | 'idle' }) => {
      indexing = s.state === 'indexing';
      updateStatus();
    }),
  );
  updateStatus();
  status.show();
  await lc.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

function renderStatus(status: vscode.StatusBarItem): void {
  if (client?.state !== State.Running) {
    status.text = '$(circle-slash) vpce-lint';
    status.tooltip = 'vpce-lint: server not running';
    return;
  }
  if (indexing) {
    status.text = '$(sync~spin) vpce-lint';
    status.tooltip = 'vpce-lint: indexing the workspace';
    return;
  }
  const uri = vscode.window.activeTextEditor?.document.uri;
  const findings = uri ? vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE).length : 0;
  status.text = findings ? `$(warning) vpce-lint: ${findings}` : '$(check) vpce-lint';
  status.tooltip = uri ? `vpce-lint: ${findings} finding(s) in this file` : 'vpce-lint: idle';
}

/** The default handler restarts a crashed server (up to 4 times in 3 minutes); this one also says
 *  so in the output channel. Settings are pulled again by the new server, so nothing is lost. */
function restartLogging(output: vscode.LogOutputChannel): ErrorHandler {
  let fallback: ErrorHandler | undefined;
  const base = () => (fallback ??= client!.createDefaultErrorHandler(MAX_RESTARTS));
  return {
    error: (error, message, count) => base().error(error, message, count),
    closed: async (): Promise<CloseHandlerResult> => {
      const result = await base().closed();
      if (result.action === CloseAction.Restart) output.warn('The vpce-lint server stopped unexpectedly; restarting it.');
      else output.error('The vpce-lint server stopped too often; it will not be restarted. Use "vpce-lint: Restart server".');
      return result;
    },
  };
}

async function showDocumentation(context: vscode.ExtensionContext, lc: LanguageClient, code?: string): Promise<void> {
  let target = code;
  let rules: RuleSummary[] = [];
  try {
    rules = await lc.sendRequest<RuleSummary[]>(RULES_REQUEST);
  } catch {
    rules = [];
  }
  if (!target) {
    const picked = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: r.code, description: r.name, detail: r.summary })),
      { placeHolder: 'Rule to show documentation for', matchOnDescription: true, matchOnDetail: true },
    );
    target = picked?.label;
  }
  if (!target) return;
  const bundled = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${target}.md`);
  try {
    await vscode.workspace.fs.stat(bundled);
    await vscode.commands.executeCommand('markdown.showPreview', bundled);
    return;
  } catch {
    // not bundled: fall back to the online documentation
  }
  const url = rules.find((r) => r.code === target)?.docsUrl ?? docsUrl(target);
  await vscode.env.openExternal(vscode.Uri.parse(url));
}
