// Finds the files a workspace folder holds for vpce-lint, the way a linter walks a tree: no
// version-control, dependency or Terraform cache folders, no ignored paths, no symbolic links.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE_NAME, candidateKind } from '../engine';

export const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.terraform', '.hg', '.svn']);

export interface WalkResult {
  /** Terraform, CloudFormation and policy candidates. */
  files: string[];
  /** `.vpce-lint.json` files. */
  configs: string[];
}

/** True for a path inside a folder the walk never enters. */
export function inSkippedFolder(path: string): boolean {
  return path.split(/[\\/]/).some((segment) => SKIPPED_FOLDERS.has(segment));
}

export async function walkFolder(root: string, isIgnored: (path: string) => boolean, shouldStop: () => boolean): Promise<WalkResult> {
  const out: WalkResult = { files: [], configs: [] };
  const pending = [root];
  while (pending.length && !shouldStop()) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder: nothing to lint there
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !isIgnored(path)) pending.push(path);
      } else if (entry.isFile()) {
        if (entry.name === CONFIG_FILE_NAME) out.configs.push(path);
        else if (candidateKind(path) && !isIgnored(path)) out.files.push(path);
      }
    }
  }
  out.files.sort();
  return out;
}
