// Finds the files to lint: named files, and candidate files under named directories minus what
// .gitignore files and the config's `ignore` list exclude. Terraform files of a module that are
// not themselves reported are still loaded as context: the module is evaluated as a whole.
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { candidateKind } from '../engine';
import type { ConfigResolver } from './configs';
import { isIgnored, parseIgnoreText, type IgnoreList } from './ignore';

export interface FileSelection {
  /** Absolute paths whose findings are reported, sorted. */
  reported: string[];
  /** Terraform files of the same modules, loaded but not reported. */
  context: string[];
  /** Problems reading directories (the run still goes on, but exits 2). */
  errors: string[];
}

export class PathError extends Error {}

const SKIPPED_DIRS = new Set(['.git', 'node_modules', '.terraform']);

export function selectFiles(paths: readonly string[], cwd: string, configs: ConfigResolver): FileSelection {
  const reported = new Set<string>();
  const errors: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (err) {
      throw new PathError(`Cannot read ${p}: ${describe(err)}`);
    }
    if (isDir) {
      walk(abs, ancestorIgnores(abs), configs, reported, errors);
    } else if (candidateKind(abs) && !configs.isIgnored(abs, false)) {
      // A named file is linted even when .gitignore matches it: the user asked for it.
      reported.add(abs);
    }
  }
  const context = new Set<string>();
  for (const dir of new Set([...reported].filter(isTerraformFile).map((f) => dirname(f)))) {
    for (const f of terraformFilesIn(dir)) if (!reported.has(f)) context.add(f);
  }
  return { reported: [...reported].sort(), context: [...context].sort(), errors };
}

function walk(dir: string, ignores: IgnoreList[], configs: ConfigResolver, out: Set<string>, errors: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    errors.push(`Cannot read directory ${dir}: ${describe(err)}`);
    return;
  }
  const here = readIgnoreFile(join(dir, '.gitignore'), dir);
  const lists = here ? [...ignores, here] : ignores;
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    // Symbolic links to directories are not followed (as git does), which also rules out cycles.
    const isDir = entry.isDirectory();
    const isFile = entry.isFile() || (entry.isSymbolicLink() && isRegularFile(path));
    if (isDir) {
      if (SKIPPED_DIRS.has(entry.name) || isIgnored(lists, path, true) || configs.isIgnored(path, true)) continue;
      walk(path, lists, configs, out, errors);
    } else if (isFile && candidateKind(path)) {
      if (isIgnored(lists, path, false) || configs.isIgnored(path, false)) continue;
      out.add(path);
    }
  }
}

/** .gitignore files of the directories above `dir`, up to the repository root (and its
 *  .git/info/exclude). Outside a repository only the walked tree's own files count. */
function ancestorIgnores(dir: string): IgnoreList[] {
  const lists: IgnoreList[] = [];
  let d = dirname(dir);
  let inRepo = existsSync(join(dir, '.git'));
  const found: IgnoreList[] = [];
  while (!inRepo && d !== dirname(d)) {
    const list = readIgnoreFile(join(d, '.gitignore'), d);
    if (list) found.push(list);
    if (existsSync(join(d, '.git'))) { inRepo = true; break; }
    d = dirname(d);
  }
  if (inRepo) {
    const root = existsSync(join(dir, '.git')) ? dir : d;
    const exclude = readIgnoreFile(join(root, '.git', 'info', 'exclude'), root);
    if (exclude) lists.push(exclude);
    lists.push(...found.reverse());
  }
  return lists;
}

function readIgnoreFile(path: string, base: string): IgnoreList | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const patterns = parseIgnoreText(text);
  return patterns.length ? { base, patterns } : undefined;
}

function isTerraformFile(path: string): boolean {
  const kind = candidateKind(path);
  return kind !== undefined && kind !== 'structured';
}

function terraformFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && isTerraformFile(e.name))
      .map((e) => join(dir, e.name))
      .filter(isRegularFile);
  } catch {
    return [];
  }
}

function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or directory';
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  return e?.code ?? (e instanceof Error ? e.message : String(err));
}
