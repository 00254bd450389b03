// Quick fixes, fix-all, suppression comments and documentation links for vpce-lint findings.
import {
  CodeActionKind, type CodeAction, type CodeActionContext, type Range, type TextEdit as LspTextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { safeFixOf, type Diagnostic, type FileKind, type TextEdit } from '../engine';
import { sameDiagnostic } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.vpceLint`;
export const SHOW_DOCS_COMMAND = 'vpceLint.showRuleDocumentation';

export interface CodeActionInput {
  path: string;
  /** The file's current text (what the diagnostics were computed for). */
  text: string;
  kind: FileKind | undefined;
  /** Engine diagnostics of this file from the latest lint. */
  diagnostics: readonly Diagnostic[];
  range: Range;
  context: CodeActionContext;
  uriOf: (path: string) => string;
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const { context } = input;
  const wants = (kind: string) => !context.only || context.only.some((o) => kind === o || kind.startsWith(o + '.'));
  const out: CodeAction[] = [];
  if (context.only && wants(FIX_ALL_KIND)) {
    const edit = fixAllEdit(input.diagnostics.filter((d) => d.loc.file === input.path), input.uriOf, input.path);
    if (edit) out.push({ title: 'Fix all vpce-lint problems', kind: FIX_ALL_KIND, edit });
  }
  if (!wants(CodeActionKind.QuickFix)) return out;

  const comment = commentMarker(input.kind);
  const offered = new Set<string>();
  for (const lspDiag of context.diagnostics) {
    const d = input.diagnostics.find((e) => sameDiagnostic(e, lspDiag));
    if (!d) continue;
    const attached = [lspDiag];
    for (const fix of d.fixes) {
      out.push({
        title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: attached,
        isPreferred: fix.preferred ?? false, edit: workspaceEdit(fix.edits, input.uriOf),
      });
    }
    if (offered.has(d.code)) continue;
    offered.add(d.code);
    const sameCode = input.diagnostics.filter((e) => e.code === d.code && e.loc.file === input.path);
    const fixAll = fixAllEdit(sameCode, input.uriOf);
    if (fixAll) {
      out.push({ title: `Fix all ${d.code} problems in this file`, kind: CodeActionKind.QuickFix, diagnostics: attached, edit: fixAll });
    }
    if (comment) {
      const uri = input.uriOf(input.path);
      out.push({
        title: `Disable ${d.code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: attached,
        edit: { changes: { [uri]: [disableLineEdit(input.text, d.loc.range.start.line, `${comment} vpce-lint-ignore ${d.code}`)] } },
      });
      out.push({
        title: `Disable ${d.code} for this file`, kind: CodeActionKind.QuickFix, diagnostics: attached,
        edit: { changes: { [uri]: [{ range: point(0, 0), newText: `${comment} vpce-lint-ignore-file ${d.code}${eol(input.text)}` }] } },
      });
    }
    out.push({
      title: `Show documentation for ${d.code}`, kind: CodeActionKind.QuickFix, diagnostics: attached,
      command: { title: `Show documentation for ${d.code}`, command: SHOW_DOCS_COMMAND, arguments: [d.code] },
    });
  }
  return out;
}

/** The comment syntax for a suppression; JSON has none. */
function commentMarker(kind: FileKind | undefined): string | undefined {
  return kind === 'terraform' || kind === 'tfvars' || kind === 'cloudformation-yaml' ? '#' : undefined;
}

/** A comment on its own line above `line`, indented like it. */
function disableLineEdit(text: string, line: number, comment: string): LspTextEdit {
  const lineText = text.split(/\r\n|\r|\n/)[line] ?? '';
  const indent = /^[ \t]*/.exec(lineText)![0];
  return { range: point(line, 0), newText: `${indent}${comment}${eol(text)}` };
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function point(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

/**
 * One edit applying a safe fix of every diagnostic given (the preferred one when there are several).
 * Fixes whose edits overlap an earlier accepted fix are left for the next run. With `onlyFile`,
 * fixes that touch another file are skipped (fix-on-save must not edit files the user is not saving).
 */
function fixAllEdit(diagnostics: readonly Diagnostic[], uriOf: (path: string) => string, onlyFile?: string): WorkspaceEdit | undefined {
  const accepted: TextEdit[] = [];
  for (const d of diagnostics) {
    const fix = safeFixOf(d.fixes);
    if (!fix || (onlyFile && fix.edits.some((e) => e.file !== onlyFile))) continue;
    if (fix.edits.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    accepted.push(...fix.edits);
  }
  return accepted.length ? workspaceEdit(accepted, uriOf) : undefined;
}


function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  const same = (p: Range['start'], q: Range['start']) => p.line === q.line && p.character === q.character;
  // Two insertions at one point conflict too (their order would be arbitrary).
  if (same(a.range.start, b.range.start)) return true;
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
}

function workspaceEdit(edits: readonly TextEdit[], uriOf: (path: string) => string): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const e of edits) (changes[uriOf(e.file)] ??= []).push({ range: e.range, newText: e.newText });
  return { changes };
}

