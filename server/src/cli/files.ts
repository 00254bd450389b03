// Finds the files to lint: named files, and candidate files under named directories (walked by
// the shared discover module). Terraform files of a module that are not themselves reported are
// still loaded as context: the module is evaluated as a whole.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { candidateKind } from '../engine';
import { describeFsError, GitignoreFiles, isTerraformName, terraformFilesIn, walkTree } from '../shared/discover';
import type { ConfigResolver } from './configs';

export interface FileSelection {
  /** Absolute paths whose findings are reported, sorted. */
  reported: string[];
  /** Terraform files of the same modules, loaded but not reported. */
  context: string[];
  /** Problems reading directories (the run still goes on, but exits 2). */
  errors: string[];
}

export class PathError extends Error {}

export async function selectFiles(paths: readonly string[], cwd: string, configs: ConfigResolver): Promise<FileSelection> {
  const reported = new Set<string>();
  const errors: string[] = [];
  const gitignores = new GitignoreFiles();
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (err) {
      throw new PathError(`Cannot read ${p}: ${describeFsError(err)}`);
    }
    if (isDir) {
      const walked = await walkTree(abs, { gitignores, configIgnores: (dir) => configs.ignoreListsFor(dir) });
      for (const f of walked.files) reported.add(f);
      errors.push(...walked.errors);
    } else if (candidateKind(abs) && !configs.isIgnored(abs, false)) {
      // A named file is linted even when .gitignore matches it: the user asked for it.
      reported.add(abs);
    }
  }
  const context = new Set<string>();
  for (const dir of new Set([...reported].filter(isTerraformName).map((f) => dirname(f)))) {
    for (const f of terraformFilesIn(dir)) if (!reported.has(f)) context.add(f);
  }
  return { reported: [...reported].sort(), context: [...context].sort(), errors };
}
