// Reading an edited CloudFormation YAML template by resource. Each top-level entry of a
// block-style `Resources` mapping (its key line and the more-indented lines under it, comments
// included) is a chunk the YAML parser reads on its own; chunks are kept by their text, so a
// keystroke reparses one resource and the small rest of the template. The result must be the tree
// the whole-document parse gives: whenever that is not certain, the caller parses the whole text.
import type { Loc, ObjEntry, ObjVal, Position, Val } from '../model';
import { detached, type LineIndex } from '../text';
import { convertYaml, NODE_BUDGET, type Conversion, type ParsedYaml } from './yamlConvert';

export interface ResourceChunks {
  /** Offset of the line after `Resources:` where each resource entry starts, in order. The text
   *  before the first one is the head of the template; the last entry is read together with the
   *  rest of the template after it, because what follows decides where the parser ends it. */
  starts: number[];
  /** Indentation of the resource keys. */
  indent: number;
  /** Offset of the `Resources` key. */
  resourcesKey: number;
}

/** A resource key line starts a plain or quoted scalar key (logical ids are alphanumeric). */
const KEY_START = /[A-Za-z0-9_"']/;

/**
 * The resource entries of `text`, or undefined when splitting is not clearly safe: tabs, lone
 * carriage returns, directives, document markers after the head, `Resources` not written as a
 * block mapping at column 0, keys indented more than 64 spaces, or a line inside it indented
 * less than its keys.
 */
export function splitByResource(text: string): ResourceChunks | undefined {
  if (text.includes('\t') || /\r(?!\n)/.test(text) || /^%/m.test(text)) return undefined;
  const key = /^Resources *:( +#.*)? *\r?$/m.exec(text);
  if (!key) return undefined;
  const keyEnd = text.indexOf('\n', key.index);
  if (keyEnd < 0) return undefined;
  // The lines inside `Resources` are found by native searches from one line break to the next
  // that starts a line with content (not blank, not a comment): a JavaScript loop over every line
  // costs more than the rest of a keystroke's read while V8 has not compiled it yet.
  const first = /\n( *)[^ \r\n#]/g;
  first.lastIndex = keyEnd;
  const indent = first.exec(text)?.[1].length ?? 0;
  if (indent > MAX_INDENT) return undefined;
  const starts: number[] = [];
  if (indent > 0) {
    const shallow = shallowLine(indent);
    shallow.lastIndex = keyEnd;
    for (let m = shallow.exec(text); m; m = shallow.exec(text)) {
      const depth = m[1].length;
      if (depth === 0) break; // the next top-level key: Resources ends here
      if (depth < indent) return undefined;
      const lineStart = m.index + 1;
      if (!KEY_START.test(text[lineStart + depth])) return undefined;
      starts.push(lineStart);
    }
  }
  if (starts.length < 2) return undefined;
  // A second document in the stream: its keys are not this template's.
  if (/^(---|\.\.\.)(\s|$)/m.test(text.slice(starts[0]))) return undefined;
  return { starts, indent, resourcesKey: key.index };
}

/** Resource keys indented deeper than this are read by the whole parse. */
const MAX_INDENT = 64;
const shallowLines: RegExp[] = [];
/** Matches a line break and the indentation of the content line after it, when that line is
 *  indented `indent` spaces or less. */
function shallowLine(indent: number): RegExp {
  return shallowLines[indent] ??= new RegExp(`\\n( {0,${indent}})(?=[^ \\r\\n#])`, 'g');
}

/** One resource entry read on its own. */
interface Chunk {
  /** The entry, located for a chunk that starts on `line`; undefined when the chunk does not
   *  read on its own as one clean entry. */
  entry?: ObjEntry;
  line: number;
  nodes: number;
}

/** What an edit can reuse: resource chunks by text, and the rest of the template. */
export interface ChunkCache {
  chunks: Map<string, Chunk>;
  prelude?: { text: string; line: number; conversion: Conversion };
}

/**
 * The template read by resource, reusing `previous` chunks whose text is unchanged. `parsed` is
 * undefined when the parts do not certainly give the whole-document tree (a problem or an anchor
 * or alias in any part, duplicate resource keys, a part the parser ends elsewhere than the split):
 * the caller then parses the whole text, which reports problems with their whole-file meaning.
 */
export function parseByResource(text: string, file: string, lines: LineIndex, previous?: ChunkCache):
  { parsed?: ParsedYaml; cache: ChunkCache } | undefined {
  const split = splitByResource(text);
  if (!split) return undefined;
  const { starts, indent } = split;
  const last = starts.length - 1;
  const keyAt = (i: number) => lines.positionAt(starts[i] + indent);
  const cache: ChunkCache = { chunks: new Map() };
  const entries: ObjEntry[] = [];
  let nodes = 0;
  let readable = true;
  for (let i = 0; i < last; i++) {
    const chunkText = text.slice(starts[i], starts[i + 1]);
    if (cache.chunks.has(chunkText)) {
      readable = false; // the same key twice
      continue;
    }
    const line = lines.positionAt(starts[i]).line;
    const known = previous?.chunks.get(chunkText);
    const chunk = known ? moved(known, line) : readChunk(detached(chunkText), starts[i], keyAt(i), file, lines);
    cache.chunks.set(chunkText, chunk);
    if (!chunk.entry) readable = false;
    else {
      entries.push(chunk.entry);
      nodes += chunk.nodes;
    }
  }

  // The rest of the template, with the last resource: the parser ends that one where the whole
  // parse does, and the end of `Resources` is the end of its last entry.
  const preludeText = text.slice(0, starts[0]) + text.slice(starts[last]);
  const lastLine = lines.positionAt(starts[last]).line;
  const gap = starts[last] - starts[0];
  const kept = previous?.prelude;
  const prelude = kept && kept.text === preludeText && kept.line === lastLine ? kept.conversion
    : convertYaml(preludeText, file, lines, { toFile: o => (o < starts[0] ? o : o + gap), depth: 0 });
  cache.prelude = { text: preludeText, line: lastLine, conversion: prelude };
  const root = prelude.parsed.val;
  if (!readable || prelude.linked || prelude.parsed.problems.length || root?.t !== 'obj') return { cache };
  const at = root.entries.findIndex(e => e.key === 'Resources');
  const resources = root.entries[at];
  const tail = resources?.value;
  if (!resources || !samePosition(resources.keyLoc.range.start, lines.positionAt(split.resourcesKey))) return { cache };
  if (tail.t !== 'obj' || tail.entries.length !== 1 || !samePosition(tail.loc.range.start, keyAt(last))) return { cache };
  entries.push(tail.entries[0]);
  if (new Set(entries.map(e => e.key)).size !== entries.length) return { cache };
  if (nodes + prelude.nodes > NODE_BUDGET) return { cache };
  const all: ObjVal = { t: 'obj', entries, loc: { file, range: { start: keyAt(0), end: tail.loc.range.end } } };
  const rootEntries = [...root.entries];
  rootEntries[at] = { ...resources, value: all };
  return { parsed: { val: { ...root, entries: rootEntries }, problems: [] }, cache };
}

/**
 * The chunks of a template that was parsed whole without problems, anchors or aliases: each
 * resource entry of that parse is what its chunk reads to on its own, so later edits reuse them.
 */
export function chunksOf(text: string, lines: LineIndex, root: Val | undefined): ChunkCache | undefined {
  const split = splitByResource(text);
  const resources = root?.t === 'obj' ? root.entries.find(e => e.key === 'Resources')?.value : undefined;
  if (!split || resources?.t !== 'obj' || resources.entries.length !== split.starts.length) return undefined;
  const chunks = new Map<string, Chunk>();
  for (let i = 0; i < split.starts.length - 1; i++) {
    const entry = resources.entries[i];
    const line = lines.positionAt(split.starts[i]).line;
    if (entry.keyLoc.range.start.line !== line) return undefined;
    // Values count at least the nodes converted (a tag adds one value), so the budget holds.
    chunks.set(text.slice(split.starts[i], split.starts[i + 1]), { entry, line, nodes: 1 + countValues(entry.value) });
  }
  return { chunks };
}

function countValues(v: Val): number {
  if (v.t === 'list') return v.items.reduce((n, i) => n + countValues(i), 1);
  if (v.t === 'obj') return v.entries.reduce((n, e) => n + countValues(e.value), 1);
  return 1;
}

function readChunk(chunkText: string, offset: number, keyAt: Position, file: string, lines: LineIndex): Chunk {
  // The chunk's root is the Resources mapping, one level below the template's root.
  const c = convertYaml(chunkText, file, lines, { toFile: o => o + offset, depth: 1 });
  const root = c.parsed.val;
  const line = lines.positionAt(offset).line;
  const clean = !c.linked && !c.parsed.problems.length && root?.t === 'obj' && root.entries.length === 1
    && samePosition(root.loc.range.start, keyAt);
  return { entry: clean ? root.entries[0] : undefined, line, nodes: c.nodes };
}

/** A chunk read before, moved to start on `line` (lines were added or removed above it). */
function moved(chunk: Chunk, line: number): Chunk {
  if (chunk.line === line) return chunk;
  if (!chunk.entry) return { ...chunk, line };
  return { entry: shiftEntry(chunk.entry, line - chunk.line), line, nodes: chunk.nodes };
}

function shiftEntry(e: ObjEntry, lines: number): ObjEntry {
  return { key: e.key, keyLoc: shiftLoc(e.keyLoc, lines), value: shiftVal(e.value, lines) };
}

function shiftVal(v: Val, lines: number): Val {
  const loc = shiftLoc(v.loc, lines);
  switch (v.t) {
    case 'str': return { ...v, loc, parts: v.parts.map(p => ({ ...p, loc: shiftLoc(p.loc, lines) })) };
    case 'list': return { ...v, loc, items: v.items.map(i => shiftVal(i, lines)) };
    case 'obj': return { ...v, loc, entries: v.entries.map(e => shiftEntry(e, lines)) };
    default: return { ...v, loc }; // the parser makes no other value that holds locations
  }
}

function shiftLoc(loc: Loc, lines: number): Loc {
  const { start, end } = loc.range;
  return { file: loc.file, range: { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } } };
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}
