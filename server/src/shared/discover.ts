// Finds the files to lint under a folder, the same way for the CLI and the language server:
// candidates by name (the engine's candidateKind), minus the folders no linter enters and what
// .gitignore files and the config/settings `ignore` lists exclude.
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { CONFIG_FILE_NAME, candidateKind } from '../engine';
import { gitignoreList, isIgnored, type IgnoreList } from '../engine/ignore';

/** Version control, dependency and Terraform cache folders: never walked. */
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', 'node_modules', '.terraform']);

/** True for a path below `root` that lies inside a folder the walk never enters. */
export function inSkippedFolder(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel.split(sep).slice(0, -1).some((segment) => SKIPPED_FOLDERS.has(segment));
}

/** `.gitignore` files, each read once. */
export class GitignoreFiles {
  private readonly own = new Map<string, IgnoreList | null>();
  private readonly above = new Map<string, IgnoreList[]>();

  /**
   * The lists that govern the entries of `dir` in a tree walked from `root`, outermost first:
   * the `.gitignore` of every folder from `root` down to `dir`, and, when `root` is inside a git
   * repository, those above it up to the repository root plus its `.git/info/exclude`.
   */
  listsFor(dir: string, root: string): IgnoreList[] {
    const lists = [...this.aboveRoot(root)];
    const rel = relative(root, dir);
    let d = root;
    const own = this.ownList(d);
    if (own) lists.push(own);
    if (rel === '' || rel.startsWith('..')) return lists;
    for (const segment of rel.split(sep)) {
      d = join(d, segment);
      const list = this.ownList(d);
      if (list) lists.push(list);
    }
    return lists;
  }

  private ownList(dir: string): IgnoreList | undefined {
    let list = this.own.get(dir);
    if (list === undefined) {
      list = readIgnoreFile(join(dir, '.gitignore'), dir) ?? null;
      this.own.set(dir, list);
    }
    return list ?? undefined;
  }

  /** Outside a repository only the walked tree's own files count. */
  private aboveRoot(root: string): IgnoreList[] {
    const cached = this.above.get(root);
    if (cached) return cached;
    const found: IgnoreList[] = [];
    let repo: string | undefined = existsSync(join(root, '.git')) ? root : undefined;
    for (let d = dirname(root); !repo && d !== dirname(d); d = dirname(d)) {
      const list = this.ownList(d);
      if (list) found.unshift(list);
      if (existsSync(join(d, '.git'))) repo = d;
    }
    const lists: IgnoreList[] = [];
    if (repo) {
      const exclude = readIgnoreFile(join(repo, '.git', 'info', 'exclude'), repo);
      if (exclude) lists.push(exclude);
      lists.push(...found);
    }
    this.above.set(root, lists);
    return lists;
  }
}

function readIgnoreFile(path: string, base: string): IgnoreList | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const list = gitignoreList(base, text);
  return list.patterns.length ? list : undefined;
}

export interface WalkOptions {
  gitignores: GitignoreFiles;
  /** The `.vpce-lint.json` and settings `ignore` lists for the entries of `dir`, lowest precedence
   *  first. They come after the `.gitignore` files, so their `!` patterns can re-include. */
  configIgnores(dir: string): readonly IgnoreList[];
  /** Checked before each folder: true abandons the walk (a newer one supersedes it). */
  shouldStop?(): boolean;
}

export interface WalkResult {
  /** Terraform, CloudFormation and policy candidates, sorted. */
  files: string[];
  /** `.vpce-lint.json` files found, ignored or not. */
  configs: string[];
  /** Folders that could not be read, with why; the walk goes on without them. */
  errors: string[];
}

export async function walkTree(root: string, options: WalkOptions): Promise<WalkResult> {
  const out: WalkResult = { files: [], configs: [], errors: [] };
  const pending = [root];
  while (pending.length && !options.shouldStop?.()) {
    const dir = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      out.errors.push(`Cannot read directory ${dir}: ${describeFsError(err)}`);
      continue;
    }
    const lists = [...options.gitignores.listsFor(dir, root), ...options.configIgnores(dir)];
    for (const entry of entries) {
      const path = join(dir, entry.name);
      // Symbolic links to folders are not followed (as git does), which also rules out cycles.
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !isIgnored(lists, path, true)) pending.push(path);
      } else if (entry.name === CONFIG_FILE_NAME) {
        out.configs.push(path);
      } else if (candidateKind(path) && (entry.isFile() || (entry.isSymbolicLink() && await isRegularFile(path)))) {
        if (!isIgnored(lists, path, false)) out.files.push(path);
      }
    }
  }
  out.files.sort();
  out.configs.sort();
  return out;
}

async function isRegularFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Terraform files by name (`.tf`, `.tfvars` and their JSON forms), not CloudFormation or policies. */
export function isTerraformName(path: string): boolean {
  const kind = candidateKind(path);
  return kind !== undefined && kind !== 'structured';
}

/** The Terraform files of a module folder, sorted: a module is evaluated as a whole, so files
 *  that are not linted themselves are still read as context. */
export function terraformFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => (e.isFile() || e.isSymbolicLink()) && isTerraformName(e.name))
      .map((e) => join(dir, e.name))
      .filter((p) => { try { return statSync(p).isFile(); } catch { return false; } })
      .sort();
  } catch {
    return [];
  }
}

/** A filesystem error as a user reads it. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'no such file or directory';
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return 'permission denied';
  return e?.code ?? (e instanceof Error ? e.message : String(err));
}
