// Reads the snippets the installed extension contributes (package.json contributes.snippets), so
// the suite checks whatever snippets ship, not a list copied into the test.
import * as fs from 'fs';
import { parse } from 'jsonc-parser';
import * as path from 'path';
import * as vscode from 'vscode';

export interface ContributedSnippet {
  /** `<file>: <snippet name>` */
  name: string;
  language: string;
  body: string;
}

interface SnippetContribution { language: string; path: string }
interface LanguageContribution { id: string; extensions?: string[] }

const builtinExtensions: Record<string, string> = { terraform: '.tf', yaml: '.yaml', json: '.json', jsonc: '.json' };

export function contributedSnippets(ext: vscode.Extension<unknown>): ContributedSnippet[] {
  const contributions: SnippetContribution[] = ext.packageJSON.contributes?.snippets ?? [];
  const snippets: ContributedSnippet[] = [];
  for (const { language, path: rel } of contributions) {
    const file = path.join(ext.extensionPath, rel);
    const entries = parse(fs.readFileSync(file, 'utf8')) as Record<string, { body: string | string[] }>;
    for (const [name, snippet] of Object.entries(entries)) {
      const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
      snippets.push({ name: `${path.basename(rel)}: ${name}`, language, body });
    }
  }
  return snippets;
}

/** The file extension a new document of `language` needs to get that language. */
export function fileExtensionFor(ext: vscode.Extension<unknown>, language: string): string {
  const languages: LanguageContribution[] = ext.packageJSON.contributes?.languages ?? [];
  const own = languages.find((l) => l.id === language)?.extensions?.[0];
  const known = own ?? builtinExtensions[language];
  if (!known) throw new Error(`no file extension known for snippet language ${language}`);
  return known;
}
