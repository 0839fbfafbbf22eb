/** Runs once per `vitest run`: prints the property-test seed that every test file then uses. */
export default function setup(): void {
  const seed = process.env['FC_SEED'] ?? '20261121';
  process.env['FC_SEED'] = seed;
  console.log(`fast-check seed: ${seed} (replay with FC_SEED=${seed} npm test)`);
}
