import { distance } from 'fastest-levenshtein';

/**
 * The closest candidate to a misspelt name, if it is close enough to be a likely typo.
 * @example didYouMean('bussiness', ['business', 'always']) // 'business'
 */
export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(name.length / 3));
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
