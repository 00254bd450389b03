// Which paths are not linted: gitignore-style patterns, for `.gitignore` files and for the
// `ignore` lists of `.vpce-lint.json` and the editor settings. Pure: callers read the files.
//
// Both follow git: `#` comments, `\` escapes, `!` negation (the last matching pattern wins), a
// trailing `/` for directories only, a leading or inner `/` to anchor to the list's folder, `*`,
// `?`, `[...]` and `**`. Config lists also accept `{a,b}` alternation and a leading `./` (anchored,
// like `/`), which users of other linters write; a `.gitignore` file keeps git's literal `{`.

export interface IgnorePattern {
  regex: RegExp;
  negated: boolean;
  dirOnly: boolean;
}

/** Patterns relative to `base` (an absolute folder). */
export interface IgnoreList { base: string; patterns: IgnorePattern[] }

/** The patterns of a `.gitignore` (or `.git/info/exclude`) file in folder `base`. */
export function gitignoreList(base: string, text: string): IgnoreList {
  return { base: toSlashes(base), patterns: compileAll(text.split(/\r?\n/), false) };
}

/** A config file's or the settings' `ignore` list, relative to folder `base`. */
export function configIgnoreList(base: string, patterns: readonly string[]): IgnoreList {
  const lines = patterns.map((p) => p.trimStart().replace(/^(!?)\.\//, '$1/'));
  return { base: toSlashes(base), patterns: compileAll(lines, true) };
}

function compileAll(lines: readonly string[], braces: boolean): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (const line of lines) {
    const pattern = compilePattern(line, braces);
    if (pattern) out.push(pattern);
  }
  return out;
}

function compilePattern(line: string, braces: boolean): IgnorePattern | undefined {
  let p = trimTrailingSpaces(line);
  if (p === '' || p.startsWith('#')) return undefined;
  let negated = false;
  if (p.startsWith('!')) { negated = true; p = p.slice(1); }
  else if (p.startsWith('\\!') || p.startsWith('\\#')) p = p.slice(1);
  let dirOnly = false;
  if (p.endsWith('/') && !p.endsWith('\\/')) { dirOnly = true; p = p.replace(/\/+$/, ''); }
  if (p === '') return undefined;
  // A slash anywhere but the end anchors the pattern to the list's folder.
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  try {
    const body = globToRegex(p, braces);
    const regex = new RegExp(anchored || p.startsWith('**/') ? `^${body}$` : `^(?:.*/)?${body}$`);
    return { regex, negated, dirOnly };
  } catch {
    return undefined; // e.g. `[z-a]`: a pattern that matches nothing, as in git
  }
}

/** Trailing spaces are ignored unless escaped with a backslash. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

function globToRegex(glob: string, braces: boolean): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === glob.length) out += '.*';          // `dir/**`: everything inside
          else { out += '(?:.*/)?'; i++; }                  // `**/x`, `a/**/b`: zero or more dirs
          i++;
          continue;
        }
      }
      out += '[^/]*';
      while (glob[i + 1] === '*') i++;
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) { out += '\\['; continue; }
      let cls = glob.slice(i + 1, close);
      if (cls.startsWith('!')) cls = '^' + cls.slice(1);
      out += `[${cls.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '{' && braces) {
      const group = braceGroup(glob, i);
      if (!group) { out += '\\{'; continue; }
      out += `(?:${group.alternatives.map((a) => globToRegex(a, true)).join('|')})`;
      i = group.end;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[++i]);
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

/** The `{a,b,...}` group opening at `open`: its top-level alternatives and closing index.
 *  Without a top-level comma (`{a}`) or a closing brace the `{` is literal, as in shells. */
function braceGroup(glob: string, open: number): { alternatives: string[]; end: number } | undefined {
  const alternatives: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === ',' && depth === 0) { alternatives.push(glob.slice(start, i)); start = i + 1; }
    else if (c === '}') {
      if (!alternatives.length) return undefined;
      alternatives.push(glob.slice(start, i));
      return { alternatives, end: i };
    }
  }
  return undefined;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/**
 * Whether `path` (absolute) is ignored by the lists, which are ordered from lowest to highest
 * precedence (outer folders before inner ones, `.gitignore` files before config lists): the last
 * matching pattern decides, as in git.
 */
export function isIgnored(lists: readonly IgnoreList[], path: string, isDir: boolean): boolean {
  const p = toSlashes(path);
  let ignored = false;
  for (const list of lists) {
    const rel = relativeTo(list.base, p);
    if (rel === undefined) continue;
    for (const pattern of list.patterns) {
      if (pattern.dirOnly && !isDir) continue;
      if (pattern.regex.test(rel)) ignored = !pattern.negated;
    }
  }
  return ignored;
}

function relativeTo(base: string, path: string): string | undefined {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/** Like isIgnored, but also true when a folder containing `path` is ignored: for paths that
 *  were named or opened rather than reached by a walk (which prunes ignored folders). */
export function isIgnoredWithParents(lists: readonly IgnoreList[], path: string, isDir: boolean): boolean {
  const parts = toSlashes(path).split('/');
  for (let i = 2; i < parts.length; i++) {
    if (isIgnored(lists, parts.slice(0, i).join('/'), true)) return true;
  }
  return isIgnored(lists, path, isDir);
}
