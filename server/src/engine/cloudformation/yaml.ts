// CloudFormation YAML -> raw Val tree with exact ranges, parsed once per text (yamlConvert.ts
// converts; an edited template is re-read by resource, yamlChunks.ts).
import { changeBetween, LineIndex } from '../text';
import { convertYaml, type ParsedYaml } from './yamlConvert';
import { chunksOf, parseByResource, type ChunkCache } from './yamlChunks';

export type { ParsedYaml } from './yamlConvert';

/** Smaller templates parse whole in a few milliseconds: reading them by resource gains nothing. */
const CHUNKED_MIN_CHARS = 16 * 1024;

/**
 * Recent parses by file. Detection, the front end and the fix editor each read the same template
 * text, and the YAML parse is what costs (about 100 ms for 5,000 lines), so each text is parsed
 * once. Callers only read the result. Bounded by total text size; alias-expanding documents,
 * whose trees can be far larger than their text, are not kept. A new text for a file seen before
 * is an edit: it is read by resource, reparsing only the resources whose text changed (a clean
 * whole parse leaves the chunks for that).
 */
const recent = new Map<string, { text: string; parsed: ParsedYaml; lines: LineIndex; chunks?: ChunkCache }>();
let recentChars = 0;
const RECENT_MAX_CHARS = 4 * 1024 * 1024;

/** The line index of a template text: the one kept for the text parsed last for `file`, that one
 *  edited when this text is an edit of it, else a new one. */
export function linesOfTemplate(file: string, text: string): LineIndex {
  const hit = recent.get(file);
  if (!hit) return new LineIndex(text);
  return hit.text === text ? hit.lines : hit.lines.edited(text, changeBetween(hit.text, text));
}

export function parseYamlToVal(text: string, file: string, lines?: LineIndex): ParsedYaml {
  const hit = recent.get(file);
  if (hit?.text === text) return hit.parsed;
  const index = lines ?? linesOfTemplate(file, text);
  // Only a template once read cleanly is read by resource: reading every resource of a broken one
  // on its own first would cost more than the whole parse it then falls back to.
  const chunked = hit?.chunks && text.length >= CHUNKED_MIN_CHARS ? parseByResource(text, file, index, hit.chunks) : undefined;
  let parsed = chunked?.parsed;
  let chunks = chunked?.cache;
  let aliases = false;
  if (!parsed) {
    const whole = convertYaml(text, file, index);
    ({ parsed, aliases } = whole);
    // The first edit then reparses one resource, not all of them.
    if (text.length >= CHUNKED_MIN_CHARS && !whole.linked && !parsed.problems.length) chunks = chunksOf(text, index, parsed.val) ?? chunks;
  }
  if (hit) {
    recent.delete(file);
    recentChars -= hit.text.length;
  }
  if (!aliases && text.length <= RECENT_MAX_CHARS) {
    recent.set(file, { text, parsed, lines: index, chunks });
    recentChars += text.length;
    for (const [oldest, entry] of recent) {
      if (recentChars <= RECENT_MAX_CHARS) break;
      recent.delete(oldest);
      recentChars -= entry.text.length;
    }
  }
  return parsed;
}

/** Drops the parse kept for a file (a one-shot lint done with it). */
export function forgetYamlParse(file: string): void {
  const hit = recent.get(file);
  if (!hit) return;
  recent.delete(file);
  recentChars -= hit.text.length;
}
