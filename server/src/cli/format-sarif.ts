// SARIF 2.1.0 for code scanning (GitHub and others): every rule's metadata, results with
// locations relative to %SRCROOT% (the working directory), related locations and fixes.
import { pathToFileURL } from 'node:url';
import { DOCS_BASE_URL, docsUrl, type Range, type RuleMeta, type Severity, type TextEdit } from '../engine';
import { displayPath, type Finding } from './findings';

const SRCROOT = '%SRCROOT%';
const INFORMATION_URI = DOCS_BASE_URL.replace(/\/blob\/.*$/, '');

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export function formatSarif(findings: readonly Finding[], catalog: readonly RuleMeta[], version: string, cwd: string): string {
  const rules = [...catalog];
  const index = new Map(rules.map((m, i) => [m.code, i]));
  for (const f of findings) {
    // A code outside the catalog would be a bug; it still gets a descriptor so the log stays valid.
    if (!index.has(f.code)) {
      index.set(f.code, rules.length);
      rules.push({ code: f.code, name: f.name, severity: f.severity, formats: [], fixable: false, docs: { summary: f.name, why: '', fix: '', examples: [], references: [] } });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'vpce-lint',
          version,
          semanticVersion: version,
          informationUri: INFORMATION_URI,
          rules: rules.map(ruleDescriptor),
        },
      },
      originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith('/') ? cwd : `${cwd}/`).href } },
      columnKind: 'utf16CodeUnits',
      results: findings.map((f) => result(f, index.get(f.code)!, cwd)),
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function ruleDescriptor(m: RuleMeta) {
  const plain = (s: string) => s.replace(/`/g, '').replace(/\*\*/g, '');
  const url = docsUrl(m.code);
  const markdown = [`**${m.code} ${m.name}**: ${m.docs.summary}`, m.docs.why, m.docs.fix && `**Fix:** ${m.docs.fix}`, `[Documentation](${url})`]
    .filter(Boolean).join('\n\n');
  const text = [m.docs.summary, m.docs.why, m.docs.fix && `Fix: ${m.docs.fix}`].filter(Boolean).map(plain).join('\n\n');
  return {
    id: m.code,
    name: m.name,
    shortDescription: { text: plain(m.docs.summary) },
    fullDescription: { text: plain(m.docs.why || m.docs.summary) },
    help: { text, markdown },
    helpUri: url,
    defaultConfiguration: { level: LEVEL[m.severity] },
    properties: { tags: ['aws', 'vpc-endpoint'], precision: 'high' },
  };
}

function result(f: Finding, ruleIndex: number, cwd: string) {
  const d = f.diagnostic;
  const out: Record<string, unknown> = {
    ruleId: f.code,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: physical(d.loc.file, d.loc.range, cwd) }],
  };
  if (d.related.length) {
    out.relatedLocations = d.related.map((r, i) => ({ id: i + 1, physicalLocation: physical(r.loc.file, r.loc.range, cwd), message: { text: r.message } }));
  }
  if (d.fixes.length) out.fixes = d.fixes.map((fix) => ({ description: { text: fix.title }, artifactChanges: artifactChanges(fix.edits, cwd) }));
  return out;
}

function artifactChanges(edits: readonly TextEdit[], cwd: string) {
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return [...byFile].map(([file, list]) => ({
    artifactLocation: artifactLocation(file, cwd),
    replacements: list.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
  }));
}

function physical(file: string, range: Range, cwd: string) {
  return { artifactLocation: artifactLocation(file, cwd), region: region(range) };
}

function artifactLocation(file: string, cwd: string) {
  return { uri: displayPath(cwd, file).split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function region(r: Range) {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}
