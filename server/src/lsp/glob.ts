// Glob patterns for the `ignore` setting, gitignore-style: `*` and `?` stay within one path
// segment, `**` spans segments, `{a,b}` alternates; a pattern without `/` matches a file or folder
// name at any depth; a matched folder ignores everything below it.

/** Compiles patterns relative to `base` (a folder) into a predicate over absolute paths. */
export function globMatcher(base: string, patterns: readonly string[]): (path: string) => boolean {
  const root = toSlashes(base).replace(/\/+$/, '');
  const regexes = patterns.map((p) => p.trim()).filter((p) => p && !p.startsWith('#')).map(compile);
  return (path) => {
    const p = toSlashes(path);
    if (!regexes.length || !(p === root || p.startsWith(root + '/'))) return false;
    const rel = p.slice(root.length + 1);
    return regexes.some((re) => re.test(rel));
  };
}

function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

function compile(pattern: string): RegExp {
  let p = toSlashes(pattern).replace(/^\.\//, '');
  const anchored = p.replace(/\/+$/, '').includes('/');
  p = p.replace(/^\/+/, '').replace(/\/+$/, '');
  const body = translate(p);
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`);
}

function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        out += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) { out += '\\{'; continue; }
      out += `(?:${glob.slice(i + 1, close).split(',').map(translate).join('|')})`;
      i = close;
    } else out += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return out;
}
