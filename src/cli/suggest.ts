import { didYouMean } from '../index.js';

/** `; did you mean \`x\`?` or `; choose from a, b`, for usage errors. */
export function suggestionHelp(value: string, choices: readonly string[]): string {
  const guess = didYouMean(value, choices);
  if (guess !== undefined) return `; did you mean \`${guess}\`?`;
  return choices.length ? `; choose from ${choices.map((c) => `\`${c}\``).join(', ')}` : '';
}
