// `file()`, `fileexists()` and `templatefile()` over files inside the module directory. The engine
// does no I/O: the host passes `readFile`, and without it these stay unknown.
import type { Loc, Val } from '../model';
import { computedStr, scalarString, unknown } from './vals';

/** Reads a file's text, or undefined when it does not exist or should not be read. */
export type ReadFile = (path: string) => string | undefined;

export const MAX_READ_CHARS = 1024 * 1024;

export const FILE_FUNCTIONS = new Set(['file', 'fileexists', 'templatefile']);

export class ModuleFiles {
  private readonly texts = new Map<string, string | { why: string }>();

  constructor(readonly dir: string, private readonly readFile?: ReadFile) {}

  /** A path inside the module directory as the host spells it, or undefined when it leaves it. */
  resolve(path: string): string | undefined {
    const dir = this.dir.replace(/\\/g, '/').replace(/\/+$/, '');
    let rel = path.replace(/\\/g, '/');
    if (rel.startsWith('/') || /^[A-Za-z]:\//.test(rel)) {
      if (!rel.startsWith(`${dir}/`)) return undefined;
      rel = rel.slice(dir.length + 1);
    }
    const segments: string[] = [];
    for (const s of rel.split('/')) {
      if (s === '' || s === '.') continue;
      if (s === '..') { if (!segments.pop()) return undefined; continue; }
      segments.push(s);
    }
    if (!segments.length) return undefined;
    const sep = this.dir.includes('\\') && !this.dir.includes('/') ? '\\' : '/';
    return [this.dir.replace(/[\\/]+$/, ''), ...segments].join(sep);
  }

  /** Paths this module read through `file()` and friends: the scope depends on them. */
  readPaths(): string[] {
    return [...this.texts.keys()];
  }

  /** The text of a module file, or why it cannot be had. */
  read(path: string): string | { why: string } {
    if (!this.readFile) return { why: `\`${path}\` is not read (no file access)` };
    const full = this.resolve(path);
    if (!full) return { why: `\`${path}\` is outside the module directory` };
    const done = this.texts.get(full);
    if (done !== undefined) return done;
    let text: string | undefined;
    try { text = this.readFile(full); } catch { text = undefined; }
    const out = text === undefined ? { why: `\`${path}\` could not be read` }
      : text.length > MAX_READ_CHARS ? { why: `\`${path}\` is larger than 1 MB` }
        : text.includes('\u0000') ? { why: `\`${path}\` is not a text file` }
          : text;
    this.texts.set(full, out);
    return out;
  }
}

export function fileFunction(name: string, args: Val[], loc: Loc, files: ModuleFiles): Val {
  const path = args[0] && scalarString(args[0]);
  if (path === undefined) return unknown(loc, `${name}() of an unknown path`);
  const text = files.read(path);
  if (name === 'fileexists') return typeof text === 'string' ? { t: 'bool', v: true, loc } : unknown(loc, text.why);
  if (typeof text !== 'string') return unknown(loc, text.why);
  if (name === 'file') return computedStr(text, loc);
  const rendered = renderTemplate(text, args[1]);
  return typeof rendered === 'string' ? computedStr(rendered, loc) : unknown(loc, `templatefile(): ${rendered.why}`);
}

/** `${name}` substitution with known scalars; any other interpolation or directive is unknown. */
function renderTemplate(text: string, vars: Val | undefined): string | { why: string } {
  if (!vars || vars.t !== 'obj') return { why: 'variables not known' };
  let why: string | undefined;
  const out = text.replace(/\$\$\{|%%\{|\$\{([^}]*)\}|%\{/g, (m, inner?: string) => {
    if (m === '$${') return '${';
    if (m === '%%{') return '%{';
    if (m === '%{') { why ??= 'template directives are not evaluated'; return m; }
    const name = (inner ?? '').trim();
    const entry = /^[A-Za-z_][\w-]*$/.test(name) ? vars.entries.find((e) => e.key === name) : undefined;
    const value = entry && scalarString(entry.value);
    if (value === undefined) why ??= `\`${name}\` is not a known variable`;
    return value ?? m;
  });
  return why ? { why } : out;
}
