// What the CLI and the language server give the engine to read files named by Terraform's
// `file()` / `templatefile()`: regular files only, at most 1 MB, read as UTF-8.
import * as fs from 'fs';

const MAX_BYTES = 1024 * 1024;

export function readModuleFile(path: string): string | undefined {
  try {
    const stat = fs.statSync(path);
    if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
    return fs.readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
