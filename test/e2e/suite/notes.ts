// Lines a passing test wants in the report anyway (e.g. the info-level findings a snippet adds),
// printed under that test's result line by the reporter in index.ts.
const pending: string[] = [];

export function note(line: string): void {
  pending.push(line);
}

/** The notes of the test that just ended; empties the list for the next one. */
export function takeNotes(): string[] {
  return pending.splice(0, pending.length);
}
