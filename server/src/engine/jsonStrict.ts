// Strict JSON read straight into values with their ranges, the way json.ts converts jsonc-parser's
// tree, without building that tree first (a third of the time a JSON template took to read).
// Anything but strict JSON (comments, trailing commas, duplicate keys, errors, deep nesting) makes
// it give up, and json.ts reads the text with jsonc-parser, which reports what is wrong.
import type { Loc, ObjEntry, Val } from './model';

const UNSUPPORTED = Symbol('not strict JSON');
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/y;

/** `loc(offset, length)` locates a token. Undefined when the text is not strict JSON, or nests
 *  deeper than `maxDepth`. */
export function readStrictJson(text: string, loc: (offset: number, length: number) => Loc, maxDepth: number): Val | undefined {
  const reader = new StrictJsonReader(text, loc, maxDepth);
  try {
    const val = reader.value(reader.skipSpace(text.charCodeAt(0) === 0xfeff ? 1 : 0), 0);
    return reader.skipSpace(reader.pos) === text.length ? val : undefined;
  } catch (e) {
    if (e === UNSUPPORTED) return undefined;
    throw e;
  }
}

function unsupported(): never {
  throw UNSUPPORTED;
}

class StrictJsonReader {
  /** Just past the last value read. */
  pos = 0;

  constructor(
    private readonly text: string,
    private readonly loc: (offset: number, length: number) => Loc,
    private readonly maxDepth: number,
  ) {}

  skipSpace(p: number): number {
    for (;;) {
      const c = this.text.charCodeAt(p);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return p;
      p++;
    }
  }

  value(p: number, depth: number): Val {
    const text = this.text;
    switch (text[p]) {
      case '{': return this.object(p, depth);
      case '[': return this.array(p, depth);
      case '"': {
        const v = this.string(p);
        return { t: 'str', v, parts: [{ text: v, loc: this.loc(p + 1, this.pos - p - 2) }], loc: this.loc(p, this.pos - p) };
      }
      case 't': return this.literal(p, 'true', { t: 'bool', v: true, loc: this.loc(p, 4) });
      case 'f': return this.literal(p, 'false', { t: 'bool', v: false, loc: this.loc(p, 5) });
      case 'n': return this.literal(p, 'null', { t: 'unknown', why: 'null', loc: this.loc(p, 4) });
      default: {
        NUMBER.lastIndex = p;
        if (!NUMBER.test(text)) unsupported();
        this.pos = NUMBER.lastIndex;
        return { t: 'num', v: Number(text.slice(p, this.pos)), loc: this.loc(p, this.pos - p) };
      }
    }
  }

  private literal(p: number, word: string, val: Val): Val {
    if (!this.text.startsWith(word, p)) unsupported();
    this.pos = p + word.length;
    return val;
  }

  /** A string's value; `this.pos` past its closing quote. */
  private string(p: number): string {
    const text = this.text;
    let end = p + 1;
    let escaped = false;
    for (;; end++) {
      const c = text.charCodeAt(end);
      if (c === 34) break;
      if (c === 92) { escaped = true; end++; } else if (c < 32 || Number.isNaN(c)) unsupported(); // control character, or no closing quote
    }
    this.pos = end + 1;
    if (!escaped) return text.slice(p + 1, end);
    try {
      return JSON.parse(text.slice(p, end + 1)) as string;
    } catch {
      return unsupported();
    }
  }

  private array(p: number, depth: number): Val {
    if (depth >= this.maxDepth) unsupported();
    const items: Val[] = [];
    let q = this.skipSpace(p + 1);
    if (this.text[q] !== ']') {
      for (;;) {
        items.push(this.value(q, depth + 1));
        q = this.skipSpace(this.pos);
        if (this.text[q] === ']') break;
        if (this.text[q] !== ',') unsupported();
        q = this.skipSpace(q + 1);
      }
    }
    this.pos = q + 1;
    return { t: 'list', items, complete: true, loc: this.loc(p, this.pos - p) };
  }

  private object(p: number, depth: number): Val {
    if (depth >= this.maxDepth) unsupported();
    const text = this.text;
    const entries: ObjEntry[] = [];
    const keys = new Set<string>();
    let q = this.skipSpace(p + 1);
    if (text[q] !== '}') {
      for (;;) {
        if (text[q] !== '"') unsupported();
        const key = this.string(q);
        if (keys.has(key)) unsupported(); // reported by the lenient reading
        keys.add(key);
        const keyLoc = this.loc(q + 1, this.pos - q - 2);
        q = this.skipSpace(this.pos);
        if (text[q] !== ':') unsupported();
        const value = this.value(this.skipSpace(q + 1), depth + 1);
        entries.push({ key, keyLoc, value });
        q = this.skipSpace(this.pos);
        if (text[q] === '}') break;
        if (text[q] !== ',') unsupported();
        q = this.skipSpace(q + 1);
      }
    }
    this.pos = q + 1;
    return { t: 'obj', entries, loc: this.loc(p, this.pos - p) };
  }
}
