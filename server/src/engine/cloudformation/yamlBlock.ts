// A direct reader for the block-style YAML most templates are written in: mappings, sequences,
// flow collections on one line, plain, quoted and block scalars, comments and the short-form
// tags. It builds exactly the values, ranges and node count that composing the document with
// `yaml` and converting it would (yamlConvert.ts), in about a fifth of the time: yaml's lexer,
// parser and composer were a third of a CLI run over templates. Anything else (anchors, flow
// collections over lines, multi-line plain scalars, escapes, directives, tabs, any construct yaml
// could report a problem about) makes it give up, and the caller parses with yaml: the reader
// only has to be exact on what it accepts.
import type { Loc, ObjEntry, Val } from '../model';
import { trimmedEnd, type LineIndex } from '../text';
import type { Conversion, Piece } from './yamlConvert';

/** What the reader needs from yamlConvert.ts (passed in: the two modules would import each other). */
export interface YamlRules {
  shortForms: Record<string, string>;
  /** The value of a plain scalar under the schema yaml parses with. */
  resolvePlain: (source: string) => unknown;
  tagOffset: (text: string, tag: string, nodeStart: number) => number;
  nodeBudget: number;
  maxDepth: number;
}

/** Thrown to give the text to yaml; never escapes `readBlockYaml`. */
const UNSUPPORTED = Symbol('unsupported YAML');

/** Characters yaml treats specially or reports about, or that this reader does not model. */
const AWKWARD_TEXT = /[\t\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]|^(?:---|\.\.\.|%)/m;
/** Yaml rejects implicit keys longer than this. */
const MAX_KEY_CHARS = 1024;

const SPACE = 32;
const NEWLINE = 10;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const BACKSLASH = 92;
const DOUBLE_QUOTE = 34;

interface Node {
  val: Val;
  /** Where yaml's node starts (after its tag) and where the value's location ends. */
  start: number;
  locEnd: number;
  /** Where yaml's node ends for its parent (its range[2]): past a comment on its line and any
   *  comment lines yaml attaches to it. */
  end: number;
  /** A scalar or flow collection: yaml attaches more-indented comment lines after it to it. */
  extendable: boolean;
  /** A value that yaml would not have as a node of its own when comment lines follow it. */
  noCommentsAfter: boolean;
}

interface Comment { indent: number; end: number }

export function readBlockYaml(text: string, file: string, lines: LineIndex, piece: Piece, rules: YamlRules): Conversion | undefined {
  if (AWKWARD_TEXT.test(text)) return undefined;
  try {
    return new BlockReader(text, file, lines, piece, rules).read();
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

function unsupported(): never {
  throw UNSUPPORTED;
}

class BlockReader {
  /** Start of the line being read. */
  private pos = 0;
  private nodes = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly lines: LineIndex,
    private readonly piece: Piece,
    private readonly rules: YamlRules,
  ) {}

  read(): Conversion {
    const first = this.nextContent(undefined);
    if (first.start < 0) {
      if (first.comments.length) unsupported(); // yaml keeps a comment-only document's comments apart
      return { parsed: { problems: [] }, aliases: false, linked: false, nodes: 0 };
    }
    const { start, indent } = first;
    const depth = this.piece.depth;
    this.count(depth);
    const root = this.startsSeqItem(start) ? this.seq(start, indent, depth, false)
      : this.keyEnd(start) >= 0 ? this.map(start, indent, depth)
        : unsupported();
    if (this.pos < this.text.length) unsupported();
    return { parsed: { val: root.val, problems: [] }, aliases: false, linked: false, nodes: this.nodes };
  }

  private count(depth: number): void {
    if (++this.nodes > this.rules.nodeBudget || depth > this.rules.maxDepth) unsupported();
  }

  private loc(start: number, end: number): Loc {
    const toFile = this.piece.toFile;
    return { file: this.file, range: { start: this.lines.positionAt(toFile(start)), end: this.lines.positionAt(toFile(end)) } };
  }

  private lineEnd(p: number): number {
    const nl = this.text.indexOf('\n', p);
    return nl < 0 ? this.text.length : nl;
  }

  /** Past the newline ending the line `p` is on (or the end of the text). */
  private nextLine(p: number): number {
    const nl = this.text.indexOf('\n', p);
    return nl < 0 ? this.text.length : nl + 1;
  }

  private skipSpaces(p: number): number {
    while (this.text.charCodeAt(p) === SPACE) p++;
    return p;
  }

  /** Whether `p` ends a token: a space, a line end or the end of the text. */
  private isBreak(p: number): boolean {
    return p >= this.text.length || this.text.charCodeAt(p) === SPACE || this.text.charCodeAt(p) === NEWLINE;
  }

  /** From `this.pos`, skips blank and comment lines. Returns the first content character of the
   *  next line with content (start -1 at the end of the text), the comment lines on the way, and
   *  moves `this.pos` to that line's start. */
  private nextContent(extend: { node: Node; indent: number } | undefined): { start: number; indent: number; comments: Comment[] } {
    const comments: Comment[] = [];
    while (this.pos < this.text.length) {
      const lineStart = this.pos;
      const first = this.skipSpaces(lineStart);
      const c = this.text.charCodeAt(first);
      if (first >= this.text.length || c === NEWLINE) {
        this.pos = this.nextLine(first);
        continue;
      }
      if (c !== HASH) return { start: first, indent: first - lineStart, comments };
      const comment = { indent: first - lineStart, end: this.lineEnd(first) };
      // yaml hangs a comment line more indented than the collection on the value before it, as
      // long as no other comment line came first.
      if (extend && !comments.length && comment.indent > extend.indent && extend.node.extendable) extend.node.end = this.nextLine(comment.end);
      else comments.push(comment);
      this.pos = this.nextLine(first);
    }
    return { start: -1, indent: -1, comments };
  }

  /** Whether a plain scalar can start at `p`: not at an indicator (`-`, `?` and `:` only when a
   *  space follows), nor at a character this reader leaves to yaml. */
  private startsPlain(p: number): boolean {
    const c = this.text[p];
    if (c === undefined || c === '\n' || ',[]{}#&*!|>\'"%@`'.includes(c)) return false;
    return !'-?:'.includes(c) || !this.isBreak(p + 1);
  }

  private startsSeqItem(p: number): boolean {
    return this.text.charCodeAt(p) === DASH && this.isBreak(p + 1);
  }

  /** Where the `:` after an implicit key starting at `p` is (a plain or quoted key, followed by
   *  `: ` or `:` at the line end), or -1. */
  private keyEnd(p: number): number {
    const text = this.text;
    const c = text[p];
    if (c === '"' || c === "'") {
      const end = this.quotedEnd(p);
      if (end < 0 || text.charCodeAt(end) !== COLON || !this.isBreak(end + 1)) return -1;
      if (end - p > MAX_KEY_CHARS) unsupported(); // yaml reports a key this long, quoted or not
      return end;
    }
    if (!this.startsPlain(p)) return -1;
    const eol = this.lineEnd(p);
    // Searches stay on the line: `indexOf` would look through the rest of the text for every key.
    for (let i = p; i < eol; i++) {
      const c = text.charCodeAt(i);
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return -1;
      if (c !== COLON || !this.isBreak(i + 1)) continue;
      if (text.charCodeAt(i - 1) === SPACE || i - p > MAX_KEY_CHARS) unsupported();
      return i;
    }
    return -1;
  }

  private map(first: number, indent: number, depth: number): Node {
    const text = this.text;
    const entries: ObjEntry[] = [];
    const keys = new Set<string>();
    let p = first;
    let last: Node;
    for (;;) {
      const colon = this.keyEnd(p);
      if (colon < 0) unsupported();
      const quotedKey = text[p] === '"' || text[p] === "'";
      const key = quotedKey ? this.quoted(p).value : String(this.rules.resolvePlain(text.slice(p, colon)));
      if (keys.has(key)) unsupported(); // yaml reports duplicate keys
      keys.add(key);
      const keyLoc = quotedKey ? this.loc(p + 1, colon - 1) : this.loc(p, colon);
      this.trailing = [];
      const value = this.value(colon + 1, indent, depth + 1, true);
      entries.push({ key, keyLoc, value: value.val });
      last = value;
      const next = this.afterItem(value, indent);
      if (!next) break;
      if (this.startsSeqItem(next)) unsupported();
      p = next;
    }
    const locEnd = trimmedEnd(this.text, first, last.end);
    return this.closed({ t: 'obj', entries, loc: this.loc(first, locEnd) }, first, locEnd, indent, last);
  }

  /** A block sequence at `indent`; `inMap` when it is a mapping's value at the mapping's indent. */
  private seq(first: number, indent: number, depth: number, inMap: boolean): Node {
    const items: Val[] = [];
    let p = first;
    let last: Node;
    for (;;) {
      this.trailing = [];
      const value = this.value(p + 1, indent, depth + 1, false);
      items.push(value.val);
      last = value;
      const next = this.afterItem(value, indent);
      if (!next) break;
      if (!this.startsSeqItem(next)) {
        if (inMap && this.keyEnd(next) >= 0) break; // the mapping's next key
        unsupported();
      }
      p = next;
    }
    const locEnd = trimmedEnd(this.text, first, last.end);
    return this.closed({ t: 'list', items, complete: true, loc: this.loc(first, locEnd) }, first, locEnd, indent, last);
  }

  /** After a collection item: the next item's start on a line at the collection's indent, or
   *  undefined when the collection ends there. Records the comment lines between. */
  private afterItem(value: Node, indent: number): number | undefined {
    const next = this.nextContent({ node: value, indent });
    if (next.comments.length && value.noCommentsAfter) unsupported();
    // A nested collection that just ended may have passed comment lines up.
    this.trailing = this.trailing.length ? this.trailing.concat(next.comments) : next.comments;
    if (next.start < 0 || next.indent < indent) return undefined;
    if (next.indent > indent) unsupported(); // a continuation line or a misplaced one
    return next.start;
  }

  /** Comment lines seen after the last item of the collection being read. */
  private trailing: Comment[] = [];

  /** Ends a collection as yaml's parser does: the comment lines after its last item stay in it
   *  when one of them is at least as indented as it (and it is not at column 0); otherwise they
   *  pass to the parent. */
  private closed(val: Val, start: number, locEnd: number, indent: number, last: Node): Node {
    const stays = indent > 0 && this.trailing.some((c) => c.indent >= indent);
    const end = stays ? this.trailing[this.trailing.length - 1].end : last.end;
    if (stays) this.trailing = [];
    return { val, start, locEnd, end, extendable: false, noCommentsAfter: false };
  }

  /** The value after a key's `:` or a sequence's `-` at `p`, in a collection at `indent`. */
  private value(p: number, indent: number, depth: number, inMap: boolean): Node {
    const text = this.text;
    let q = this.skipSpaces(p);
    let tag: string | undefined;
    if (text[q] === '!') {
      const end = this.tokenEnd(q);
      tag = text.slice(q, end);
      if (!this.rules.shortForms[tag]) unsupported();
      q = this.skipSpaces(end);
      if (q === end && !this.isBreak(q)) unsupported();
    }
    const c = text[q];
    if (q >= text.length || c === '\n' || c === '#') return this.valueBelow(q, indent, depth, inMap, tag);
    this.count(depth);
    let node: Node;
    if (c === '|' || c === '>') node = this.blockScalar(q, indent);
    else if (c === '[' || c === '{') node = this.flowValue(q, depth);
    else if (c === '"' || c === "'") node = this.quotedValue(q);
    // `- Key: value`: a mapping in a sequence item, indented as its first key.
    else if (!inMap && !tag && this.keyEnd(q) >= 0) return this.map(q, q - this.text.lastIndexOf('\n', q - 1) - 1, depth);
    else node = this.plainValue(q, tag !== undefined);
    return this.withTag(tag, node);
  }

  /** A value on the lines below its key or dash, or an empty one. */
  private valueBelow(q: number, indent: number, depth: number, inMap: boolean, tag: string | undefined): Node {
    this.pos = this.nextLine(q);
    const next = this.nextContent(undefined);
    const nested = next.start >= 0 && (next.indent > indent || (inMap && next.indent === indent && this.startsSeqItem(next.start)));
    if (!nested) {
      // An empty value: yaml keeps comment lines after it with the key, not as a node's end.
      if (next.comments.length || this.text.charCodeAt(q) === HASH) unsupported();
      this.pos = this.nextLine(q);
      this.count(depth);
      const here = this.loc(q, q);
      const empty: Val = tag ? this.str('', here, here) : { t: 'unknown', why: 'null', loc: here };
      return this.withTag(tag, { val: empty, start: q, locEnd: q, end: q, extendable: false, noCommentsAfter: true });
    }
    const start = next.start;
    this.count(depth);
    const inner = this.startsSeqItem(start) ? this.seq(start, next.indent, depth, inMap && next.indent === indent)
      : this.keyEnd(start) >= 0 ? this.map(start, next.indent, depth)
        : unsupported();
    return this.withTag(tag, inner);
  }

  private str(v: string, here: Loc, content: Loc): Val {
    return { t: 'str', v, parts: [{ text: v, loc: content }], loc: here };
  }

  /** A node's value, in the long form when it is tagged (located from its tag to its end). */
  private withTag(tag: string | undefined, node: Node): Node {
    if (tag) node.val = this.tagged(tag, node.val, node.start, node.locEnd);
    return node;
  }

  /** `start` is where yaml's node starts (after the tag), `locEnd` where its value's location ends. */
  private tagged(tag: string, val: Val, start: number, locEnd: number): Val {
    const tagStart = this.rules.tagOffset(this.text, tag, start);
    const keyLoc = this.loc(tagStart, tagStart + tag.length);
    return { t: 'obj', entries: [{ key: this.rules.shortForms[tag], keyLoc, value: val }], loc: this.loc(tagStart, locEnd) };
  }

  /** End of a plain or tag token. */
  private tokenEnd(p: number): number {
    while (!this.isBreak(p)) p++;
    return p;
  }

  /** After a value on its line: spaces, maybe a comment; moves to the next line. Returns where
   *  yaml's node ends (past the line break). */
  private endOfLine(p: number): number {
    const q = this.skipSpaces(p);
    const c = this.text.charCodeAt(q);
    if (q < this.text.length && c !== NEWLINE && !(c === HASH && q > p)) unsupported();
    this.pos = this.nextLine(q);
    return this.pos;
  }

  private plainValue(q: number, tagged: boolean): Node {
    const text = this.text;
    if (!this.startsPlain(q)) unsupported();
    const eol = this.lineEnd(q);
    let end = eol;
    for (let i = q; i < eol; i++) {
      const ch = text.charCodeAt(i);
      if (ch === HASH && text.charCodeAt(i - 1) === SPACE) { end = i; break; }
      if (ch === COLON && this.isBreak(i + 1)) unsupported(); // a mapping in a value
    }
    while (text.charCodeAt(end - 1) === SPACE) end--;
    const source = text.slice(q, end);
    const here = this.loc(q, end);
    // A short-form tag takes the text as it is; otherwise the schema decides (`12`, `true`, `~`).
    const val = scalarVal(tagged ? source : this.rules.resolvePlain(source), here);
    return { val, start: q, locEnd: end, end: this.endOfLine(end), extendable: true, noCommentsAfter: false };
  }

  /** The offset past the closing quote of a quoted scalar on one line at `p`, or -1 (also for a
   *  double-quoted one with escapes, left to yaml). */
  private quotedEnd(p: number): number {
    const text = this.text;
    const quote = text.charCodeAt(p);
    // Not up to a line end found first: a line can hold thousands of flow items.
    for (let i = p + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === NEWLINE || (c === BACKSLASH && quote === DOUBLE_QUOTE)) return -1;
      if (c !== quote) continue;
      if (quote === DOUBLE_QUOTE || text.charCodeAt(i + 1) !== quote) return i + 1;
      i++; // '' inside single quotes
    }
    return -1;
  }

  /** A quoted scalar on one line: its value and the offset past its closing quote. */
  private quoted(p: number): { value: string; end: number } {
    const end = this.quotedEnd(p);
    if (end < 0) unsupported();
    const inner = this.text.slice(p + 1, end - 1);
    return { value: this.text[p] === "'" ? inner.replace(/''/g, "'") : inner, end };
  }

  private quotedValue(q: number): Node {
    const quoted = this.quoted(q);
    const val = this.str(quoted.value, this.loc(q, quoted.end), this.loc(q + 1, quoted.end - 1));
    return { val, start: q, locEnd: quoted.end, end: this.endOfLine(quoted.end), extendable: true, noCommentsAfter: false };
  }

  /** A flow collection on one line (`[a, !Ref b]`, `{Key: k, Value: !GetAZs ''}`). */
  private flowValue(q: number, depth: number): Node {
    const node = this.flowCollection(q, depth);
    return { ...node, end: this.endOfLine(node.locEnd), extendable: true, noCommentsAfter: false };
  }

  private flowCollection(q: number, depth: number): { val: Val; start: number; locEnd: number } {
    const text = this.text;
    const isSeq = text[q] === '[';
    const close = isSeq ? ']' : '}';
    const items: Val[] = [];
    const entries: ObjEntry[] = [];
    const keys = new Set<string>();
    let p = this.skipSpaces(q + 1);
    if (text[p] !== close) {
      for (;;) {
        if (isSeq) {
          items.push(this.flowNode(p, depth + 1));
        } else {
          const key = this.flowKey(p);
          if (keys.has(key.key)) unsupported();
          keys.add(key.key);
          entries.push({ key: key.key, keyLoc: this.loc(key.contentStart, key.contentEnd), value: this.flowNode(this.skipSpaces(key.after), depth + 1) });
        }
        p = this.skipSpaces(this.flowPos);
        if (text[p] === close) break;
        if (text[p] !== ',') unsupported();
        p = this.skipSpaces(p + 1);
        if (text[p] === close || text[p] === ',') unsupported();
      }
    }
    const end = p + 1;
    const loc = this.loc(q, end);
    this.flowPos = end;
    return { val: isSeq ? { t: 'list', items, complete: true, loc } : { t: 'obj', entries, loc }, start: q, locEnd: end };
  }

  /** A flow mapping's key and its `: `. */
  private flowKey(p: number): { key: string; contentStart: number; contentEnd: number; after: number } {
    const text = this.text;
    const c = text[p];
    if (c === '"' || c === "'") {
      const q = this.quoted(p);
      if (text[q.end] !== ':' || text.charCodeAt(q.end + 1) !== SPACE) unsupported();
      return { key: q.value, contentStart: p + 1, contentEnd: q.end - 1, after: q.end + 1 };
    }
    // A key starts as a plain value does: `? ` (an explicit key), a tag, an anchor, an alias, a
    // comment or a reserved indicator is yaml's to read.
    if (!this.startsPlain(p) || ('-?:'.includes(c) && ',]}'.includes(text[p + 1]))) unsupported();
    const end = this.flowPlainEnd(p, true);
    if (text[end] !== ':') unsupported();
    return { key: String(this.rules.resolvePlain(text.slice(p, end))), contentStart: p, contentEnd: end, after: end + 1 };
  }

  /** Where the last flow node read ends. */
  private flowPos = 0;

  /** A node inside a flow collection: a scalar, a nested collection, maybe tagged. */
  private flowNode(p: number, depth: number): Val {
    const text = this.text;
    this.count(depth);
    let tag: string | undefined;
    if (text[p] === '!') {
      let end = p;
      while (!this.isBreak(end) && text[end] !== ',' && text[end] !== ']' && text[end] !== '}') end++;
      tag = text.slice(p, end);
      if (!this.rules.shortForms[tag] || text.charCodeAt(end) !== SPACE) unsupported();
      p = this.skipSpaces(end);
    }
    const c = text[p];
    let val: Val;
    let locEnd: number;
    if (c === '[' || c === '{') {
      ({ val, locEnd } = this.flowCollection(p, depth));
    } else if (c === '"' || c === "'") {
      const quoted = this.quoted(p);
      this.flowPos = locEnd = quoted.end;
      val = this.str(quoted.value, this.loc(p, quoted.end), this.loc(p + 1, quoted.end - 1));
    } else {
      if (!this.startsPlain(p) || ('-?:'.includes(c) && ',]}'.includes(text[p + 1]))) unsupported();
      this.flowPos = locEnd = this.flowPlainEnd(p, false);
      while (text.charCodeAt(locEnd - 1) === SPACE) locEnd--;
      const source = text.slice(p, locEnd);
      val = scalarVal(tag ? source : this.rules.resolvePlain(source), this.loc(p, locEnd));
    }
    return tag ? this.tagged(tag, val, p, locEnd) : val;
  }

  /** End of a plain scalar in a flow collection (at `,`, a closing bracket, or a key's `:`). */
  private flowPlainEnd(p: number, isKey: boolean): number {
    const text = this.text;
    for (let end = p; ; end++) {
      const ch = text[end];
      if (end >= text.length || ch === '\n') unsupported(); // a flow collection over several lines
      if (ch === ',' || ch === ']' || ch === '}') return isKey ? unsupported() : end;
      const colon = ch === ':' && (this.isBreak(end + 1) || ',]}'.includes(text[end + 1]));
      if (colon) return isKey && text.charCodeAt(end + 1) === SPACE && text.charCodeAt(end - 1) !== SPACE ? end : unsupported();
      if (ch === '[' || ch === '{' || (ch === '#' && text.charCodeAt(end - 1) === SPACE)) unsupported();
    }
  }

  /** `|` or `>` with an optional chomping indicator, content more indented than `indent`. */
  private blockScalar(q: number, indent: number): Node {
    const text = this.text;
    const folded = text[q] === '>';
    let h = q + 1;
    const chomp = text[h] === '-' || text[h] === '+' ? text[h++] : '';
    const headerEnd = this.skipSpaces(h);
    if (headerEnd < text.length && text.charCodeAt(headerEnd) !== NEWLINE) unsupported();
    const contentStart = this.nextLine(headerEnd);
    // Content lines: the first sets the indentation; blank lines must be empty.
    const lines: string[] = [];
    let contentIndent = -1;
    let p = contentStart;
    let lastContentEnd = contentStart; // past the line break of the last non-empty line
    let blanksAfter = 0;
    while (p < text.length) {
      const eol = this.lineEnd(p);
      if (eol === p) {
        if (contentIndent < 0) unsupported(); // leading blank lines
        lines.push('');
        blanksAfter++;
        p = this.nextLine(p);
        continue;
      }
      const first = this.skipSpaces(p);
      const lineIndent = first - p;
      if (first === eol) unsupported(); // a blank line of spaces
      if (contentIndent < 0) {
        if (lineIndent <= indent) break;
        contentIndent = lineIndent;
      } else if (lineIndent < contentIndent) break;
      if (folded && lineIndent > contentIndent) unsupported(); // more-indented folded lines
      lines.push(text.slice(p + contentIndent, eol));
      blanksAfter = 0;
      p = this.nextLine(p);
      lastContentEnd = p;
    }
    if (contentIndent < 0) unsupported(); // an empty block scalar
    if (text.charCodeAt(lastContentEnd - 1) !== NEWLINE) unsupported(); // ends the text: yaml's own rules
    const body = lines.slice(0, lines.length - blanksAfter);
    let value = folded ? foldLines(body) : body.join('\n');
    if (chomp === '+') value += '\n'.repeat(1 + blanksAfter);
    else if (chomp === '') value += '\n';
    const end = chomp === '+' ? p : lastContentEnd;
    this.pos = end;
    const val = this.str(value, this.loc(q, end), this.loc(contentStart, trimmedEnd(this.text, contentStart, end)));
    return { val, start: q, locEnd: end, end, extendable: false, noCommentsAfter: true };
  }
}

/** A plain scalar's value: its content is all of it. */
function scalarVal(value: unknown, here: Loc): Val {
  if (typeof value === 'string') return { t: 'str', v: value, parts: [{ text: value, loc: here }], loc: here };
  if (typeof value === 'number') return { t: 'num', v: value, loc: here };
  if (typeof value === 'boolean') return { t: 'bool', v: value, loc: here };
  if (value === null || value === undefined) return { t: 'unknown', why: 'null', loc: here };
  return { t: 'str', v: String(value), parts: [{ text: String(value), loc: here }], loc: here };
}

/** `>` folding: a line break between two lines becomes a space, and n blank lines n breaks. */
function foldLines(lines: string[]): string {
  let out = '';
  let blanks = 0;
  let started = false;
  for (const line of lines) {
    if (line === '') { blanks++; continue; }
    if (started) out += blanks ? '\n'.repeat(blanks) : ' ';
    out += line;
    blanks = 0;
    started = true;
  }
  return out;
}
