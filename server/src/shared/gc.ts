// A garbage-collector setting for the vpce-lint processes (the language server and the CLI).
import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's pretenuring. V8 allocates straight into its old generation the objects of an
 * allocation site whose objects mostly outlive a young-generation collection. A lint's findings do,
 * since those collections fall in the middle of a lint; but the next keystroke (or the next scope)
 * drops them, and until a full collection such an old, dropped object still counts as a root for
 * the young generation. Each scavenge then copied and promoted the scopes and texts of every lint
 * since the last full collection: after 13 keystrokes in a 5,000-line file, 3 MB and 13 texts
 * survived one. Without pretenuring (and with the engine letting go of what a lint drops,
 * fileIndex.ts and lint.ts), 0.8 MB and one text do, which is what is alive; a scavenge during
 * an edit takes 3-5 ms instead of 8.
 */
export function keepShortLivedObjectsYoung(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
