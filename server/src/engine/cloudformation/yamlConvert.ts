// CloudFormation YAML text -> raw Val tree with exact ranges. Short-form tags (`!Sub x`) become
// the long form (`{"Fn::Sub": x}`), so the intrinsic resolver sees one shape for YAML and JSON.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, Scalar, Schema, YAMLMap, YAMLSeq } from 'yaml';
import type { Document, Node as YamlNode, Tags } from 'yaml';
import type { Loc, ObjEntry, ParseProblem, Val } from '../model';
import { trimmedEnd, type LineIndex } from '../text';
import { readBlockYaml, type YamlRules } from './yamlBlock';
import { lookupTable, putLast } from '../collections';

const SHORT_FORMS = lookupTable<string>({
  '!Ref': 'Ref', '!Condition': 'Condition',
  ...Object.fromEntries(['Sub', 'GetAtt', 'Join', 'Select', 'If', 'FindInMap', 'ImportValue', 'GetAZs', 'Cidr',
    'Split', 'Base64', 'Equals', 'Not', 'And', 'Or', 'Transform', 'ToJsonString', 'Length', 'ForEach',
    // Rules-section functions.
    'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll'].map(n => [`!${n}`, `Fn::${n}`])),
});

// Each short form may tag a scalar, a sequence or a mapping; the value is kept as parsed.
const CUSTOM_TAGS: Tags = Object.keys(SHORT_FORMS).flatMap(tag => [
  { tag, resolve: (s: string) => s },
  { tag, collection: 'seq' as const, nodeClass: YAMLSeq, resolve: (seq: YAMLSeq) => seq },
  { tag, collection: 'map' as const, nodeClass: YAMLMap, resolve: (map: YAMLMap) => map },
]) as Tags;

/** The YAML 1.2 core schema with the short forms, built once: building it per document (merging
 *  about a hundred tags) cost about a tenth of a template's parse. A document that names its YAML
 *  version gets a schema of its own, as the parser would choose. */
const SCHEMA = new Schema({ customTags: CUSTOM_TAGS, resolveKnownTags: true, schema: 'core' });
const VERSION_DIRECTIVE = /^%YAML/m;

/** Alias expansion multiplies nodes; past this many converted nodes the rest is not read. */
export const NODE_BUDGET = 200_000;
const MAX_DEPTH = 300;
const MAX_PROBLEMS = 100;

export interface ParsedYaml { val?: Val; problems: ParseProblem[] }

/** The YAML text actually parsed, when it is a piece of the file: offsets in the piece map to
 *  offsets in the file through `toFile`; `depth` is the depth of the piece's root in the file. */
export interface Piece { toFile: (offset: number) => number; depth: number }
const WHOLE: Piece = { toFile: offset => offset, depth: 0 };

export interface Conversion {
  parsed: ParsedYaml;
  /** The document has aliases (its tree may be much larger than its text). */
  aliases: boolean;
  /** The document has anchors or aliases: its parts cannot be read on their own. */
  linked: boolean;
  /** Nodes converted, counted against NODE_BUDGET. */
  nodes: number;
}

/** What the direct reader needs to read as this module does. */
const BLOCK_RULES: YamlRules = {
  shortForms: SHORT_FORMS,
  resolvePlain,
  tagOffset,
  nodeBudget: NODE_BUDGET,
  maxDepth: MAX_DEPTH,
};

/** The core-schema tags yaml tries on a plain scalar, in its order. */
const PLAIN_TAGS = SCHEMA.tags.filter((t): t is typeof t & { test: RegExp; resolve: (s: string, onError: (m: string) => void, o: object) => unknown } =>
  t.default === true && !!t.test && !t.collection);
const RESOLVE_OPTIONS = { intAsBigInt: false };
/** Plain scalars that can only be strings: no core-schema tag matches a text starting otherwise. */
const MAYBE_NOT_STRING = /^[-+.0-9~nNtTfF]|^$/;

/** The value yaml gives an untagged plain scalar. */
function resolvePlain(source: string): unknown {
  if (!MAYBE_NOT_STRING.test(source)) return source;
  const tag = PLAIN_TAGS.find((t) => t.test.test(source));
  if (!tag) return source;
  const value = tag.resolve(source, () => undefined, RESOLVE_OPTIONS);
  return isScalar(value) ? value.value : value; // some tags resolve to a node (booleans do)
}

export function convertYaml(text: string, file: string, lines: LineIndex, piece: Piece = WHOLE): Conversion {
  return readDirectly(text, file, lines, piece) ?? composeYaml(text, file, lines, piece);
}

/** Templates in plain block style, read without yaml (undefined for any other text, including
 *  one with a `%YAML` directive). */
export function readDirectly(text: string, file: string, lines: LineIndex, piece: Piece = WHOLE): Conversion | undefined {
  return readBlockYaml(text, file, lines, piece, BLOCK_RULES);
}

/** Any YAML, composed by yaml and converted. */
export function composeYaml(text: string, file: string, lines: LineIndex, piece: Piece = WHOLE): Conversion {
  let aliases = false;
  let linked = false;
  const loc = (start: number, end: number): Loc =>
    ({ file, range: { start: lines.positionAt(piece.toFile(start)), end: lines.positionAt(piece.toFile(end)) } });
  const problems: ParseProblem[] = [];
  let doc: Document.Parsed;
  try {
    const schema = VERSION_DIRECTIVE.test(text) ? { customTags: CUSTOM_TAGS } : { schema: SCHEMA };
    doc = parseDocument(text, { ...schema, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    problems.push({ loc: loc(0, 0), message: `YAML could not be read: ${(e as Error).message}` });
    return { parsed: { problems }, aliases, linked, nodes: 0 };
  }
  // Broken input can yield thousands of errors; the first ones say what is wrong.
  for (const err of [...doc.errors, ...doc.warnings].slice(0, MAX_PROBLEMS)) {
    problems.push({ loc: loc(err.pos[0], err.pos[1]), message: `YAML: ${err.message}` });
  }

  let budget = NODE_BUDGET;
  let budgetReported = false;
  const active = new Set<YamlNode>(); // nodes being converted: an alias to one of them is a cycle

  const convert = (node: unknown, depth: number, fallback: Loc): Val => {
    if (--budget < 0 || depth > MAX_DEPTH) {
      if (!budgetReported) {
        budgetReported = true;
        problems.push({ loc: fallback, message: 'YAML: too many aliases or too deeply nested; the rest is not read' });
      }
      return { t: 'unknown', why: 'not read', loc: fallback };
    }
    if (isAlias(node)) {
      aliases = linked = true;
      const target = node.resolve(doc);
      const here = node.range ? loc(node.range[0], node.range[1]) : fallback;
      if (!target || active.has(target)) return { t: 'unknown', why: target ? 'recursive alias' : 'unknown alias', loc: here };
      return convert(target, depth + 1, here);
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return { t: 'unknown', why: 'null', loc: fallback };
    if (node.anchor) linked = true;
    const range = node.range ?? [0, 0, 0];
    const end = isScalar(node) ? range[1] : trimmedEnd(text, range[0], range[1]);
    const intrinsic = node.tag ? SHORT_FORMS[node.tag] : undefined;
    active.add(node);
    try {
      const inner = convertUntagged(node, range[0], end, depth);
      if (!intrinsic || !node.tag) return inner;
      const tagStart = tagOffset(text, node.tag, range[0]);
      return {
        t: 'obj',
        entries: [{ key: intrinsic, keyLoc: loc(tagStart, tagStart + node.tag.length), value: inner }],
        loc: loc(tagStart, end),
      };
    } finally {
      active.delete(node);
    }
  };

  const convertUntagged = (node: Scalar | YAMLMap | YAMLSeq, start: number, end: number, depth: number): Val => {
    const here = loc(start, end);
    if (isScalar(node)) return scalarVal(node, here);
    if (isSeq(node)) return { t: 'list', items: node.items.map(item => convert(item, depth + 1, here)), complete: true, loc: here };
    const entries: ObjEntry[] = [];
    // Keys seen, so that only a duplicate costs a search (a wide mapping would be quadratic).
    const keys = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key;
      const keyText = isScalar(key) ? String(key.value) : undefined;
      if (keyText === undefined || !isScalar(key)) continue; // complex keys never occur in templates
      if (key.anchor) linked = true;
      const keyLoc = contentLoc(key);
      const value = convert(pair.value, depth + 1, key.range ? loc(key.range[1], key.range[1]) : here);
      // A duplicate yaml reported, or two keys only YAML tells apart (`1` and `"1"`), which a
      // template reads as one: the last one wins.
      putLast(entries, keys, { key: keyText, keyLoc, value });
    }
    return { t: 'obj', entries, loc: here };
  };

  /** Where a scalar's content is: `here` (its whole range) for a plain scalar. */
  const contentLoc = (s: Scalar, here?: Loc): Loc => {
    if (here && s.type === 'PLAIN') return here;
    const [start, end] = s.range ?? [0, 0];
    if (s.type === 'QUOTE_SINGLE' || s.type === 'QUOTE_DOUBLE') return loc(Math.min(start + 1, end), Math.max(start + 1, end - 1));
    if (s.type === 'BLOCK_LITERAL' || s.type === 'BLOCK_FOLDED') {
      const nl = text.indexOf('\n', start);
      const contentStart = nl < 0 || nl >= end ? end : nl + 1;
      return loc(contentStart, trimmedEnd(text, contentStart, end));
    }
    return loc(start, end);
  };

  const scalarVal = (s: Scalar, here: Loc): Val => {
    const v = s.value;
    if (typeof v === 'string') return { t: 'str', v, parts: [{ text: v, loc: contentLoc(s, here) }], loc: here };
    if (typeof v === 'number') return { t: 'num', v, loc: here };
    if (typeof v === 'boolean') return { t: 'bool', v, loc: here };
    if (v === null || v === undefined) {
      // A tagged empty scalar (`!GetAZs` alone) is the empty string to CloudFormation.
      if (s.tag && SHORT_FORMS[s.tag]) return { t: 'str', v: '', parts: [{ text: '', loc: contentLoc(s) }], loc: here };
      return { t: 'unknown', why: 'null', loc: here };
    }
    return { t: 'str', v: String(v), parts: [{ text: String(v), loc: contentLoc(s, here) }], loc: here };
  };

  const root = doc.contents;
  if (!root) return { parsed: { problems }, aliases, linked, nodes: 0 };
  const val = convert(root, piece.depth, loc(0, 0));
  return { parsed: { val, problems }, aliases, linked, nodes: NODE_BUDGET - budget };
}

/** Where the tag written before a node starts (yaml's node range begins after its tag). */
function tagOffset(text: string, tag: string, nodeStart: number): number {
  const at = text.lastIndexOf(tag, nodeStart);
  if (at < 0) return nodeStart;
  const between = text.slice(at + tag.length, nodeStart);
  return /^\s*$/.test(between) ? at : nodeStart;
}
