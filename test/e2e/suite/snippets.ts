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

/** Stands in a host text for where the snippet goes. */
export const snippetMarker = '<<SNIPPET>>';

const tfProvider = 'provider "aws" {\n  region = "eu-west-1"\n}\n\n';
const tfEndpoint = `${tfProvider}resource "aws_vpc_endpoint" "host" {\n  vpc_id       = "vpc-0123456789abcdef0"\n  service_name = "com.amazonaws.eu-west-1.s3"\n  ${snippetMarker}\n}\n`;
const yamlTemplate = `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  ${snippetMarker}\n`;
const yamlEndpoint = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  HostEndpoint:\n    Type: AWS::EC2::VPCEndpoint\n'
  + `    Properties:\n      VpcId: vpc-0123456789abcdef0\n      ServiceName: !Sub com.amazonaws.\${AWS::Region}.s3\n      ${snippetMarker}\n`;
const jsonTemplate = `{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    ${snippetMarker}\n  }\n}\n`;

/**
 * The text a user would insert a snippet into, judged from the snippet's first lines: an empty
 * file for a whole JSON document, a provider for top-level Terraform blocks, an endpoint for
 * Terraform/YAML endpoint properties, a template's Resources for CloudFormation resources.
 */
export function hostFor(language: string, body: string): string {
  const [first = '', second = ''] = body.split('\n');
  if (language === 'terraform') {
    return /^(resource|data|module|locals|variable|output)\b/.test(first) ? tfProvider + snippetMarker : tfEndpoint;
  }
  if (first.trimStart().startsWith('{')) return snippetMarker;
  const isResource = /^\s*"?Type"?\s*:/.test(second);
  if (language === 'yaml') return isResource ? yamlTemplate : yamlEndpoint;
  return jsonTemplate;
}
