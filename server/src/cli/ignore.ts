// gitignore-style patterns, used for `.gitignore` files and the config file's `ignore` list.
// Covers what real repositories use: comments, escapes, negation, directory-only patterns,
// anchored patterns, `*`, `?`, `[...]` and `**`.

export interface IgnorePattern {
  regex: RegExp;
  negated: boolean;
  dirOnly: boolean;
}

/** An ignore file's patterns, relative to `base` (an absolute directory, `/`-separated). */
export interface IgnoreList { base: string; patterns: IgnorePattern[] }

export function parseIgnoreText(text: string): IgnorePattern[] {
  const out: IgnorePattern[] = [];
  for (const line of text.split(/\r?\n/)) {
    const pattern = compilePattern(line);
    if (pattern) out.push(pattern);
  }
  return out;
}

export function compilePattern(line: string): IgnorePattern | undefined {
  let p = trimTrailingSpaces(line);
  if (p === '' || p.startsWith('#')) return undefined;
  let negated = false;
  if (p.startsWith('!')) { negated = true; p = p.slice(1); }
  else if (p.startsWith('\\!') || p.startsWith('\\#')) p = p.slice(1);
  let dirOnly = false;
  if (p.endsWith('/') && !p.endsWith('\\/')) { dirOnly = true; p = p.replace(/\/+$/, ''); }
  if (p === '') return undefined;
  // A slash anywhere but the end anchors the pattern to the ignore file's directory.
  const anchored = p.includes('/');
  if (p.startsWith('/')) p = p.slice(1);
  const body = globToRegex(p);
  const regex = new RegExp(anchored || p.startsWith('**/') ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { regex, negated, dirOnly };
}

/** Trailing spaces are ignored unless escaped with a backslash. */
function trimTrailingSpaces(line: string): string {
  let end = line.length;
  while (end > 0 && line[end - 1] === ' ' && line[end - 2] !== '\\') end--;
  return line.slice(0, end);
}

function globToRegex(glob: string): string {
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
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[++i]);
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

/**
 * Whether `path` (absolute, `/`-separated) is ignored by the lists, which are ordered from the
 * outermost directory inwards: the last matching pattern decides, as in git.
 */
export function isIgnored(lists: readonly IgnoreList[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const list of lists) {
    const rel = relativeTo(list.base, path);
    if (rel === undefined) continue;
    for (const p of list.patterns) {
      if (p.dirOnly && !isDir) continue;
      if (p.regex.test(rel)) ignored = !p.negated;
    }
  }
  return ignored;
}

function relativeTo(base: string, path: string): string | undefined {
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/** Like isIgnored, but also true when a directory containing `path` is ignored (for paths that
 *  were named rather than reached by walking, which prunes ignored directories). */
export function isIgnoredWithParents(lists: readonly IgnoreList[], path: string, isDir: boolean): boolean {
  const parts = path.split('/');
  for (let i = 2; i < parts.length; i++) {
    if (isIgnored(lists, parts.slice(0, i).join('/'), true)) return true;
  }
  return isIgnored(lists, path, isDir);
}
