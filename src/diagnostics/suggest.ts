import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to a misspelt name, if it is close enough to be a likely typo.
 * @example didYouMean('bussiness', ['business', 'always']) // 'business'
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const allowed = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  for (const c of candidates) {
    // The distance is at least the difference in length: a candidate that cannot be close enough,
    // nor closer than the best so far, is skipped (issue 14: an unknown name among 20,000 declared
    // ones measured every one of them).
    const cl = c.toLowerCase();
    if (Math.abs(cl.length - lower.length) > Math.min(allowed, bestDistance - 1)) continue;
    const d = distance(lower, cl);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= allowed ? best : undefined;
}

/** Help text for an unknown name: "did you mean `x`?" or the list of declared names. */
export function unknownNameHelp(name: string, candidates: readonly string[], what: string): string {
  const guess = didYouMean(name, candidates);
  if (guess !== undefined) return `did you mean \`${guess}\`?`;
  if (candidates.length === 0) return `no ${what} is declared`;
  const shown = candidates.slice(0, 8).map((c) => `\`${c}\``).join(', ');
  return `declared ${what}s: ${shown}${candidates.length > 8 ? ', …' : ''}`;
}
