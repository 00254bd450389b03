// Edit distance for did-you-mean suggestions.

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps
 *  each cost 1 (`us-esat-1` is one step from `us-east-1`). Stops early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate nearest to `word` within `max` edits, or undefined when none is that close or
 * several are equally near and `tieBreak` does not settle it (a wrong suggestion is worse than none).
 */
export function nearest(
  word: string,
  candidates: Iterable<string>,
  max: number,
  tieBreak?: (a: string, b: string) => number,
): string | undefined {
  let best: string[] = [];
  let bestDist = max + 1;
  for (const c of candidates) {
    const d = editDistance(word, c, Math.min(max, bestDist));
    if (d < bestDist) {
      bestDist = d;
      best = [c];
    } else if (d === bestDist && d <= max && !best.includes(c)) {
      best.push(c);
    }
  }
  if (best.length === 0) return undefined;
  if (best.length === 1) return best[0];
  if (!tieBreak) return undefined;
  const sorted = [...best].sort(tieBreak);
  return tieBreak(sorted[0], sorted[1]) === 0 ? undefined : sorted[0];
}
