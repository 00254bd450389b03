// JSON text -> Val tree with exact source ranges. Used for CloudFormation JSON templates, policy
// files and JSON embedded in other files (heredocs, JSON strings), hence `origin`.
import { createScanner, parseTree, printParseErrorCode, SyntaxKind } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { Loc, ObjEntry, ParseProblem, Position, Val } from './model';
import { readStrictJson } from './jsonStrict';
import { LineIndex, shiftPosition } from './text';
import { putLast } from './collections';

/** Deeper nesting than this is not converted (it would only exhaust the stack). */
const MAX_DEPTH = 400;

export interface ParsedJson { val?: Val; problems: ParseProblem[] }

interface Recent { text: string; origin?: Position; parsed: ParsedJson }

/**
 * Recent parses by file: detection, the front end and the fix editor each read the same text.
 * Callers only read the result. A file keeps its last two texts (a template and a JSON string
 * embedded in it); the whole cache is bounded by text size.
 */
const recent = new Map<string, Recent[]>();
let recentChars = 0;
const RECENT_MAX_CHARS = 4 * 1024 * 1024;

export function parseJsonToVal(text: string, file: string, origin?: Position): ParsedJson {
  const kept = recent.get(file) ?? [];
  const hit = kept.find((r) => r.text === text && r.origin?.line === origin?.line && r.origin?.character === origin?.character);
  if (hit) return hit.parsed;
  const parsed = parseJson(text, file, origin);
  if (text.length > RECENT_MAX_CHARS) return parsed;
  const entries = [{ text, origin, parsed }, ...kept.slice(0, 1)];
  recentChars += text.length - (kept[1]?.text.length ?? 0);
  recent.delete(file);
  recent.set(file, entries);
  for (const [oldest, list] of recent) {
    if (recentChars <= RECENT_MAX_CHARS) break;
    recent.delete(oldest);
    for (const r of list) recentChars -= r.text.length;
  }
  return parsed;
}

/** Drops the parses kept for a file (a one-shot lint done with it). */
export function forgetJsonParses(file: string): void {
  const kept = recent.get(file);
  if (!kept) return;
  recent.delete(file);
  for (const r of kept) recentChars -= r.text.length;
}

function parseJson(text: string, file: string, origin?: Position): ParsedJson {
  const loc = locator(text, file, origin);
  // Strict JSON is read directly; anything else through jsonc-parser, which says what is wrong.
  const val = readStrictJson(text, loc, MAX_DEPTH);
  return val ? { val, problems: [] } : parseJsonLeniently(text, file, origin, loc);
}

function locator(text: string, file: string, origin?: Position): (offset: number, length: number) => Loc {
  const lines = new LineIndex(text);
  return (offset, length) => ({
    file,
    range: {
      start: shiftPosition(lines.positionAt(offset), origin),
      end: shiftPosition(lines.positionAt(offset + length), origin),
    },
  });
}

/** Any JSON-like text (comments, trailing commas, errors) through jsonc-parser, with its problems. */
export function parseJsonLeniently(text: string, file: string, origin?: Position, loc = locator(text, file, origin)): ParsedJson {
  const problems: ParseProblem[] = [];

  if (nestingDepth(text) > MAX_DEPTH) {
    problems.push({ loc: loc(0, 0), message: `JSON nesting deeper than ${MAX_DEPTH} levels is not read` });
    return { problems };
  }

  const errors: ParseError[] = [];
  let tree: JsonNode | undefined;
  try {
    // A byte-order mark is not JSON but editors write it; parse past it, keeping offsets.
    tree = parseTree(text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    problems.push({ loc: loc(0, 0), message: `JSON could not be read: ${(e as Error).message}` });
    return { problems };
  }
  for (const err of errors) problems.push({ loc: loc(err.offset, err.length), message: describeError(printParseErrorCode(err.error)) });
  // The token scan is a second pass over the text; without a comment opener, or a comma followed
  // by whitespace and a closing bracket, anywhere in the text it has nothing to find.
  if (/\/[/*]|,\s*[}\]]/.test(text)) problems.push(...strictJsonProblems(text, loc));

  const convert = (node: JsonNode): Val => {
    const here = loc(node.offset, node.length);
    switch (node.type) {
      case 'string': {
        const content = loc(node.offset + 1, Math.max(0, node.length - 2));
        return { t: 'str', v: node.value, parts: [{ text: node.value, loc: content }], loc: here };
      }
      case 'number': return { t: 'num', v: node.value, loc: here };
      case 'boolean': return { t: 'bool', v: node.value, loc: here };
      case 'null': return { t: 'unknown', why: 'null', loc: here };
      case 'array': return { t: 'list', items: (node.children ?? []).map(convert), complete: true, loc: here };
      case 'object': {
        const entries: ObjEntry[] = [];
        // Keys seen, so that only a duplicate costs a search (a wide object would be quadratic).
        const keys = new Set<string>();
        for (const prop of node.children ?? []) {
          const [keyNode, valueNode] = prop.children ?? [];
          if (!keyNode || !valueNode) continue; // `"a":` with no value: already reported
          const key = String(keyNode.value);
          const entry: ObjEntry = { key, keyLoc: loc(keyNode.offset + 1, Math.max(0, keyNode.length - 2)), value: convert(valueNode) };
          // Last one wins, as in JSON.parse and the AWS parsers; the user hears about it.
          if (putLast(entries, keys, entry)) problems.push({ loc: entry.keyLoc, message: `Duplicate key "${key}"` });
        }
        return { t: 'obj', entries, loc: here };
      }
      default: return { t: 'unknown', why: 'unreadable JSON', loc: here };
    }
  };
  return { val: tree ? convert(tree) : undefined, problems };
}

function describeError(code: string): string {
  // "CloseBraceExpected" -> "Close brace expected"
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON: ${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** The tree is read leniently (trailing commas, comments); AWS is not, so report them. */
function strictJsonProblems(text: string, loc: (offset: number, length: number) => Loc): ParseProblem[] {
  const problems: ParseProblem[] = [];
  const scanner = createScanner(text, false);
  let lastComma: number | undefined;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    switch (kind) {
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        problems.push({ loc: loc(scanner.getTokenOffset(), scanner.getTokenLength()), message: 'Comments are not allowed in JSON' });
        break;
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        break;
      case SyntaxKind.CommaToken:
        lastComma = scanner.getTokenOffset();
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (lastComma !== undefined) problems.push({ loc: loc(lastComma, 1), message: 'Trailing comma is not allowed in JSON' });
        lastComma = undefined;
        break;
      default:
        lastComma = undefined;
    }
  }
  return problems;
}

/** Maximum bracket nesting outside strings, computed without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash escapes the next character
      else if (c === 34 || c === 10) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) { if (++depth > max) max = depth; }
    else if (c === 125 || c === 93) depth = Math.max(0, depth - 1);
  }
  return max;
}
