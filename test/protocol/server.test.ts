// The built language server, spoken to over stdio like an editor does.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CodeActionRequest, CompletionRequest, FileChangeType, HoverRequest, InitializeRequest, InitializedNotification,
  type CodeAction, type CompletionItem, type CompletionList, type Diagnostic, type Hover, type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { applyLspEdits, copyFixture, LspClient, REPO, SERVER, uriOf } from './lspClient';

const DOCS = 'https://github.com/vpce-lint/vpce-lint/blob/main/docs/rules/';
const BASE_SETTINGS = { enable: true, rules: {}, ignore: ['ignored/**'], cloudFormationRegion: 'eu-west-1', maxFileSizeKb: 2048, debounceMs: 0 };

function rangeOf(text: string, needle: string, occurrence = 0) {
  const lines = text.split('\n');
  let seen = 0;
  for (let line = 0; line < lines.length; line++) {
    let from = 0;
    for (;;) {
      const character = lines[line].indexOf(needle, from);
      if (character < 0) break;
      if (seen++ === occurrence) return { start: { line, character }, end: { line, character: character + needle.length } };
      from = character + 1;
    }
  }
  throw new Error(`${needle} not in text`);
}

const only = (code: string) => (ds: Diagnostic[] | undefined) => (ds ?? []).filter((d) => d.code === code);

describe('language server protocol', function () {
  this.timeout(60000);
  let root: string;
  let client: LspClient;
  let mainTf: string;
  let providerTf: string;
  let template: string;
  let mainText: string;

  before(() => {
    execFileSync(process.execPath, [join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'pipe' });
  });

  beforeEach(async () => {
    root = copyFixture('workspace');
    mainTf = join(root, 'tf', 'main.tf');
    providerTf = join(root, 'tf', 'provider.tf');
    template = join(root, 'cfn', 'template.yaml');
    mainText = readFileSync(mainTf, 'utf8');
    client = new LspClient({ ...BASE_SETTINGS });
    await client.initialize(root);
  });

  afterEach(async () => {
    await client.stop(root);
  });

  function expectedVpce101(): Diagnostic {
    return {
      range: rangeOf(mainText, 'us-east-1'),
      severity: 1,
      code: 'VPCE101',
      codeDescription: { href: `${DOCS}VPCE101.md` },
      source: 'vpce-lint',
      message: '`us-east-1` in this service name, but this endpoint is created in `eu-west-1` (provider `aws`).',
      relatedInformation: [{
        location: { uri: uriOf(providerTf), range: rangeOf(readFileSync(providerTf, 'utf8'), '"eu-west-1"') },
        message: "The endpoint's region `eu-west-1` is set here.",
      }],
    };
  }

  it('lints the whole workspace on start-up, with progress, skipping ignored folders', async () => {
    assert.deepEqual(only('VPCE101')(client.diagnostics(mainTf)), [expectedVpce101()]);
    const kinds = client.progress.map((p) => (p as { value: { kind: string } }).value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
    assert.equal(client.diagnostics(join(root, 'ignored', 'main.tf')), undefined);
    const config = client.diagnostics(join(root, 'bad-config', '.vpce-lint.json'))!;
    assert.deepEqual(config.map((d) => [d.code, d.range.start.line]), [['VPCE003', 0]]);
    assert.match(String(config[0].message), /`VPCE401`: `warn` is not one of off, error, warning, info, hint/);
  });

  it('picks the files `vpce-lint .` picks on start-up: .gitignore, settings and config ignore lists', async () => {
    const dir = copyFixture('workspace');
    const cfn = readFileSync(template, 'utf8');
    const files: Record<string, string> = {
      '.gitignore': 'build/\ngen/\n',
      'build/template.yaml': cfn,
      'gen/template.yaml': cfn,
      'stacks/.vpce-lint.json': '{ "ignore": ["{dev,qa}/"] }',
      'stacks/dev/template.yaml': cfn,
      'stacks/qa/template.yaml': cfn,
      'stacks/prod/template.yaml': cfn,
      // Its provider (eu-west-1) is in the ignored main.tf, which is still read as module context.
      'ignored/keep.tf': 'resource "aws_vpc_endpoint" "ssm" {\n  vpc_id       = "vpc-0123456789abcdef0"\n  service_name = "com.amazonaws.us-east-1.s3"\n}\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const other = new LspClient({ ...BASE_SETTINGS, ignore: ['ignored/**', '!ignored/keep.tf', '!gen/'] });
    try {
      await other.initialize(dir);
      const linted = (path: string) => other.diagnostics(join(dir, path))?.map((d) => d.code);
      const cfnCodes = linted('cfn/template.yaml')!;
      assert.ok(cfnCodes.includes('VPCE401'));
      assert.equal(linted('build/template.yaml'), undefined);
      assert.deepEqual(linted('gen/template.yaml'), cfnCodes);
      assert.equal(linted('stacks/dev/template.yaml'), undefined);
      assert.equal(linted('stacks/qa/template.yaml'), undefined);
      assert.deepEqual(linted('stacks/prod/template.yaml'), cfnCodes);
      assert.equal(linted('ignored/main.tf'), undefined);
      assert.deepEqual(only('VPCE101')(other.diagnostics(join(dir, 'ignored', 'keep.tf'))).map((d) => d.range.start.line), [2]);
      // Opening a gitignored file lints it, as naming it on the command line does.
      const built = join(dir, 'build', 'template.yaml');
      await other.open(built, cfn, 'yaml');
      assert.deepEqual((await other.nextDiagnostics(built, 0, (d) => d.length > 0)).map((d) => d.code), cfnCodes);
    } finally {
      await other.stop(dir);
    }
  });

  it('reports VPCE401 on a CloudFormation Interface endpoint without PrivateDnsEnabled', async () => {
    const text = readFileSync(template, 'utf8');
    const found = only('VPCE401')(client.diagnostics(template));
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].range, rangeOf(text, 'SsmEndpoint'));
    assert.equal(found[0].severity, 2);
    assert.equal(found[0].message,
      'This `ssm` Interface endpoint does not set `PrivateDnsEnabled` (it defaults to false), so clients using `ssm.eu-west-1.amazonaws.com` bypass it.');
  });

  it('re-lints an open document on every change and publishes with its version', async () => {
    await client.open(mainTf, mainText, 'terraform');
    await client.nextDiagnostics(mainTf, 0, (d) => only('VPCE101')(d).length === 1);
    const before = client.published.length;
    const version = await client.change(mainTf, [{ range: rangeOf(mainText, 'us-east-1'), text: 'eu-west-1' }]);
    const after = await client.nextDiagnostics(mainTf, before, () => client.lastPublish(mainTf)?.version === version);
    assert.deepEqual(only('VPCE101')(after), []);
    const back = client.published.length;
    await client.change(mainTf, [{ range: rangeOf(mainText, 'us-east-1'), text: 'us-east-1' }]);
    await client.nextDiagnostics(mainTf, back, (d) => only('VPCE101')(d).length === 1, 'VPCE101 again');
  });

  it('publishes every keystroke\'s findings in full: those it left alone as before, changed ones as they now are', async () => {
    await client.open(mainTf, mainText, 'terraform');
    const opened = await client.nextDiagnostics(mainTf, 0, (d) => only('VPCE101')(d).length === 1);
    const lastLine = mainText.split('\n').length - 1;
    const typed = async (edit: { range: ReturnType<typeof rangeOf>; text: string }) => {
      const before = client.published.length;
      const version = await client.change(mainTf, [edit]);
      return client.nextDiagnostics(mainTf, before, () => client.lastPublish(mainTf)?.version === version);
    };
    // A blank typed after the last line changes no finding: all of them are sent again, unchanged.
    const end = { line: lastLine, character: 0 };
    assert.deepEqual(await typed({ range: { start: end, end }, text: ' ' }), opened);
    const region = rangeOf(mainText, 'us-east-1');
    const west = await typed({ range: region, text: 'us-west-2' });
    assert.deepEqual(only('VPCE101')(west), [{ ...expectedVpce101(), message: String(expectedVpce101().message).replace('us-east-1', 'us-west-2') }]);
    assert.deepEqual(west.filter((d) => d.code !== 'VPCE101'), opened.filter((d) => d.code !== 'VPCE101'));
    assert.deepEqual(await typed({ range: region, text: 'us-east-1' }), opened);
  });

  it('lints a document opened before the settings are in with those settings, not the defaults', async () => {
    // As after a restart: the client opens its documents as soon as the server is initialised.
    await client.stop(root);
    root = copyFixture('workspace');
    mainTf = join(root, 'tf', 'main.tf');
    client = new LspClient({ ...BASE_SETTINGS, rules: { VPCE601: 'off' } });
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: uriOf(root), workspaceFolders: [{ uri: uriOf(root), name: 'fixture' }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await client.open(mainTf, mainText, 'terraform');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await client.connection.sendNotification(InitializedNotification.type, {});
    await client.nextDiagnostics(mainTf, 0, (d) => only('VPCE101')(d).length === 1);
    const sent = client.published.filter((p) => p.uri === uriOf(mainTf));
    assert.deepEqual(sent.map((p) => only('VPCE601')(p.diagnostics).length), sent.map(() => 0));
  });

  it('sends the other files of an edited module their diagnostics only when these changed', async () => {
    const logsTf = join(root, 'tf', 'logs.tf');
    writeFileSync(logsTf, 'resource "aws_vpc_endpoint" "logs" {\n  vpc_id            = aws_vpc.main.id\n  service_name      = "com.amazonaws.eu-west-1.logs"\n  vpc_endpoint_type = "Interface"\n}\n');
    await client.filesChanged([{ path: logsTf, type: FileChangeType.Created }]);
    await client.nextDiagnostics(logsTf, 0, (d) => only('VPCE401')(d).length === 1);
    await client.open(mainTf, mainText, 'terraform');
    await client.nextDiagnostics(mainTf, 0, (d) => only('VPCE101')(d).length === 1);
    const sentTo = (path: string, since: number) => client.published.slice(since).filter((p) => p.uri === uriOf(path)).length;

    // A keystroke in main.tf changes main.tf's findings, not those of logs.tf or provider.tf.
    const before = client.published.length;
    const version = await client.change(mainTf, [{ range: rangeOf(mainText, 'us-east-1'), text: 'eu-west-1' }]);
    await client.nextDiagnostics(mainTf, before, () => client.lastPublish(mainTf)?.version === version);
    assert.deepEqual(only('VPCE101')(client.diagnostics(mainTf)), []);
    assert.equal(sentTo(logsTf, before), 0);
    assert.equal(sentTo(providerTf, before), 0);

    // A new provider region puts logs.tf's endpoint in another region than its service name's:
    // logs.tf is sent its new findings.
    const providerText = readFileSync(providerTf, 'utf8');
    await client.open(providerTf, providerText, 'terraform');
    const again = client.published.length;
    await client.change(providerTf, [{ range: rangeOf(providerText, 'eu-west-1'), text: 'us-west-2' }]);
    const logs = await client.nextDiagnostics(logsTf, again, (d) => only('VPCE101')(d).length === 1, 'VPCE101 on logs.tf');
    assert.equal(only('VPCE101')(logs)[0].message, '`eu-west-1` in this service name, but this endpoint is created in `us-west-2` (provider `aws`).');
  });

  it('offers quick fix, fix-all, suppressions and documentation, whose edits work', async () => {
    await client.open(mainTf, mainText, 'terraform');
    const diags = await client.nextDiagnostics(mainTf, 0, (d) => only('VPCE101')(d).length === 1);
    const finding = only('VPCE101')(diags)[0];
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(mainTf) }, range: finding.range, context: { diagnostics: [finding] },
    }) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Fix all VPCE101 problems in this file'), titles.join('\n'));
    assert.ok(titles.includes('Disable VPCE101 for this line'));
    assert.ok(titles.includes('Disable VPCE101 for this file'));
    const docs = actions.find((a) => a.title === 'Show documentation for VPCE101')!;
    assert.deepEqual(docs.command, { title: 'Show documentation for VPCE101', command: 'vpceLint.showRuleDocumentation', arguments: ['VPCE101'] });

    const preferred = actions.find((a) => a.isPreferred)!;
    assert.equal(preferred.title, 'Use `eu-west-1` in the service name');
    assert.equal(preferred.kind, 'quickfix');
    assert.deepEqual(preferred.diagnostics, [finding]);
    const fixed = applyLspEdits(mainText, preferred.edit!.changes![uriOf(mainTf)]);
    assert.equal(fixed, mainText.replace('com.amazonaws.us-east-1.s3', 'com.amazonaws.eu-west-1.s3'));

    const fixAll = actions.find((a) => a.title === 'Fix all VPCE101 problems in this file')!;
    assert.equal(applyLspEdits(mainText, fixAll.edit!.changes![uriOf(mainTf)]), fixed);

    const disable = actions.find((a) => a.title === 'Disable VPCE101 for this line')!;
    const suppressed = applyLspEdits(mainText, disable.edit!.changes![uriOf(mainTf)]);
    assert.equal(suppressed, mainText.replace('  service_name', '  # vpce-lint-ignore VPCE101\n  service_name'));
    const before = client.published.length;
    await client.change(mainTf, [{ text: suppressed }]);
    const after = await client.nextDiagnostics(mainTf, before);
    assert.deepEqual(only('VPCE101')(after), []);
    assert.deepEqual(only('VPCE002')(after), [], 'the inserted suppression is used');

    const disableFile = actions.find((a) => a.title === 'Disable VPCE101 for this file')!;
    assert.equal(applyLspEdits(mainText, disableFile.edit!.changes![uriOf(mainTf)]), `# vpce-lint-ignore-file VPCE101\n${mainText}`);
  });

  it('fixes every safe problem of a file for source.fixAll.vpceLint', async () => {
    await client.open(mainTf, mainText, 'terraform');
    await client.nextDiagnostics(mainTf, 0, (d) => only('VPCE101')(d).length === 1);
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uriOf(mainTf) }, range: rangeOf(mainText, 'resource'),
      context: { diagnostics: [], only: ['source.fixAll.vpceLint'] },
    }) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.vpceLint']);
    const fixed = applyLspEdits(mainText, actions[0].edit!.changes![uriOf(mainTf)]);
    assert.ok(fixed.includes('"com.amazonaws.eu-west-1.s3"'), fixed);
  });

  it('hovers a service name and a finding', async () => {
    await client.open(mainTf, mainText, 'terraform');
    await client.nextDiagnostics(mainTf, 0, (d) => only('VPCE101')(d).length === 1);
    const onService = rangeOf(mainText, '.s3"').start;
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf(mainTf) }, position: { line: onService.line, character: onService.character + 2 },
    }) as Hover;
    const text = (hover.contents as MarkupContent).value;
    assert.match(text, /\*\*Amazon S3\*\*: `com\.amazonaws\.us-east-1\.s3`/);
    assert.match(text, /Endpoint types: Gateway, Interface/);
    assert.match(text, /Region: `us-east-1` \(US East \(N\. Virginia\)\)/);
    assert.match(text, /The endpoint is created in `eu-west-1` \(provider `aws`\)/);
    assert.deepEqual(hover.range, rangeOf(mainText, 'com.amazonaws.us-east-1.s3'));

    const onFinding = rangeOf(mainText, 'us-east-1').start;
    const findingHover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: uriOf(mainTf) }, position: onFinding,
    }) as Hover;
    const findingText = (findingHover.contents as MarkupContent).value;
    assert.match(findingText, /\*\*VPCE101 service-region-mismatch\*\*: Finds endpoint service names/);
    assert.ok(findingText.includes(`[Documentation](${DOCS}VPCE101.md)`));
  });

  it('completes service names for the endpoint region and rule codes in suppressions', async () => {
    const half = mainText.replace('com.amazonaws.us-east-1.s3', 'com.amazonaws.eu-west-1.ss');
    await client.open(mainTf, half, 'terraform');
    const at = rangeOf(half, 'eu-west-1.ss').end;
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uriOf(mainTf) }, position: at });
    const items = (Array.isArray(result) ? result : (result as CompletionList).items) as CompletionItem[];
    const ssm = items.find((i) => i.label === 'com.amazonaws.eu-west-1.ssm')!;
    assert.ok(ssm, items.slice(0, 5).map((i) => i.label).join(', '));
    assert.equal(ssm.detail, 'Interface, private DNS');
    assert.deepEqual(ssm.textEdit, { range: { start: rangeOf(half, 'com.amazonaws.eu-west-1.ss').start, end: at }, newText: 'com.amazonaws.eu-west-1.ssm' });

    const empty = mainText.replace('com.amazonaws.us-east-1.s3', '');
    const before = client.published.length;
    await client.change(mainTf, [{ text: empty }]);
    await client.nextDiagnostics(mainTf, before);
    const inside = rangeOf(empty, 'service_name      = "').end;
    const fresh = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uriOf(mainTf) }, position: inside });
    const labels = ((Array.isArray(fresh) ? fresh : (fresh as CompletionList).items) as CompletionItem[]).map((i) => i.label);
    assert.ok(labels.includes('com.amazonaws.eu-west-1.s3'), labels.slice(0, 5).join(', '));
    assert.ok(labels.every((l) => !l.includes('us-east-1')));

    const comment = `# vpce-lint-ignore VPCE1\n${mainText}`;
    await client.change(mainTf, [{ text: comment }]);
    const codes = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uriOf(mainTf) }, position: { line: 0, character: 23 } });
    const codeItems = (Array.isArray(codes) ? codes : (codes as CompletionList).items) as CompletionItem[];
    const syntax = codeItems.find((i) => i.label === 'VPCE001')!;
    assert.equal(syntax.detail, 'syntax-error');
    assert.deepEqual(syntax.textEdit, { range: { start: { line: 0, character: 19 }, end: { line: 0, character: 23 } }, newText: 'VPCE001' });
  });

  it('applies settings changes without a restart', async () => {
    await client.changeSettings({ ...BASE_SETTINGS, rules: { VPCE101: 'off' } });
    await client.waitFor(() => only('VPCE101')(client.diagnostics(mainTf)).length === 0, 'VPCE101 turned off');
    await client.changeSettings({ ...BASE_SETTINGS, rules: { 'service-region-mismatch': 'warning' } });
    await client.waitFor(() => only('VPCE101')(client.diagnostics(mainTf))[0]?.severity === 2, 'VPCE101 as a warning');
  });

  it('re-lints a module when one of its files changes on disk', async () => {
    assert.equal(only('VPCE101')(client.diagnostics(mainTf)).length, 1);
    writeFileSync(providerTf, 'provider "aws" {\n  region = "us-east-1"\n}\n');
    const before = client.published.length;
    await client.filesChanged([{ path: providerTf, type: FileChangeType.Changed }]);
    const after = await client.nextDiagnostics(mainTf, before);
    assert.deepEqual(only('VPCE101')(after), []);
  });

  it('keeps workspace diagnostics of a closed file and clears those of a deleted one', async () => {
    await client.open(mainTf, mainText, 'terraform');
    const fixedText = mainText.replace('us-east-1', 'eu-west-1');
    let mark = client.published.length;
    await client.change(mainTf, [{ text: fixedText }]);
    await client.nextDiagnostics(mainTf, mark, (d) => only('VPCE101')(d).length === 0, 'fixed text');
    mark = client.published.length;
    await client.close(mainTf);
    const reverted = await client.nextDiagnostics(mainTf, mark, (d) => only('VPCE101')(d).length === 1, 'disk content again');
    assert.deepEqual(only('VPCE101')(reverted)[0].range, rangeOf(mainText, 'us-east-1'));

    assert.ok(client.diagnostics(template)!.length > 0);
    rmSync(template);
    mark = client.published.length;
    await client.filesChanged([{ path: template, type: FileChangeType.Deleted }]);
    await client.nextDiagnostics(template, mark, (d) => d.length === 0, 'cleared diagnostics');
  });

  it('survives binary, broken and oversized documents and keeps answering', async () => {
    await client.applySettings({ ...BASE_SETTINGS, maxFileSizeKb: 1 });
    const binary = join(root, 'tf', 'blob.tf');
    const broken = join(root, 'cfn', 'broken.yaml');
    const big = join(root, 'tf', 'big.tf');
    await client.open(binary, 'resource "aws_vpc" \u0000\u0001\u0002', 'terraform');
    await client.open(broken, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Ep: [\n    Type: {', 'yaml');
    await client.open(big, `# ${'x'.repeat(2000)}\n`, 'terraform');
    const skipped = await client.nextDiagnostics(big, 0);
    assert.deepEqual(skipped.map((d) => [d.code, d.severity]), [['VPCE004', 3]]);
    assert.deepEqual((await client.nextDiagnostics(binary, 0)).map((d) => d.code), ['VPCE004']);
    const syntax = await client.nextDiagnostics(broken, 0, (d) => d.some((x) => x.code === 'VPCE001'), 'a syntax error');
    assert.ok(syntax.every((d) => d.code !== 'VPCE005'), JSON.stringify(syntax));
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uriOf(broken) }, position: { line: 3, character: 4 } });
    assert.equal(hover, null);
    assert.ok(client.logs.some((l) => l.includes(`Skipped ${big}`)), client.logs.join('\n'));
  });

  it('ends 1,000 rapid changes with diagnostics for the final text', async () => {
    await client.applySettings({ ...BASE_SETTINGS, debounceMs: 150 });
    await client.open(mainTf, mainText, 'terraform');
    await client.nextDiagnostics(mainTf, 0, (d) => only('VPCE101')(d).length === 1);
    const range = rangeOf(mainText, 'us-east-1');
    let version = 1;
    for (let i = 1; i <= 1000; i++) {
      version = await client.change(mainTf, [{ range, text: i % 2 ? 'eu-west-1' : 'us-east-1' }]);
    }
    // 1,000 is even: the final text names us-east-1 again.
    await client.waitFor(() => client.lastPublish(mainTf)?.version === version, 'diagnostics of the final version');
    assert.deepEqual(only('VPCE101')(client.diagnostics(mainTf)), [expectedVpce101()]);
    const versions = client.published.filter((p) => p.uri === uriOf(mainTf) && p.version !== undefined).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions never go back');
    assert.ok(versions.length < 100, `debounced: ${versions.length} publishes`);
  });
});

describe('language server process', function () {
  this.timeout(30000);

  it('exits when its client closes stdin without a shutdown', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    const init = await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} });
    assert.equal(init.serverInfo?.name, 'vpce-lint');
    child.stdin!.end();
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running'), 10000))]);
    connection.dispose();
    child.kill();
    assert.equal(code, 1);
  });
});
