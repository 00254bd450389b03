// --fix --dry-run output: one unified diff for all changed files, with git's a/ b/ prefixes so
// `git apply` accepts it.
import { createTwoFilesPatch } from 'diff';

export function unifiedDiff(displayPath: string, before: string, after: string): string {
  const patch = createTwoFilesPatch(`a/${displayPath}`, `b/${displayPath}`, before, after, undefined, undefined, { context: 3 });
  // The library starts with an `====` separator line that git does not write.
  return patch.replace(/^=+\n/, '');
}
