// Writes fixed files: atomically (a temporary file in the same directory, then rename), and only
// when the file on disk is still exactly what was linted.
import { chmodSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hashOf, type ReadFile } from './read';

export type WriteOutcome = 'written' | 'changed-on-disk' | 'not-utf8';

export function writeFixed(path: string, text: string, before: ReadFile): WriteOutcome {
  if (!before.writable) return 'not-utf8';
  const stat = statSync(path);
  if (stat.mtimeMs !== before.mtimeMs || hashOf(readFileSync(path)) !== before.hash) return 'changed-on-disk';
  const temp = join(dirname(path), `.${basename(path)}.vpce-lint-${process.pid}.tmp`);
  try {
    writeFileSync(temp, text, { encoding: 'utf8', flag: 'wx', mode: stat.mode & 0o7777 });
    chmodSync(temp, stat.mode & 0o7777);
    renameSync(temp, path);
  } catch (err) {
    try { unlinkSync(temp); } catch { /* it may not exist */ }
    throw err;
  }
  return 'written';
}
