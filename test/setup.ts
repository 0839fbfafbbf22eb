/**
 * Property tests run from one seed, printed once, so every run is reproducible:
 * `FC_SEED=123 npm test` replays another. fast-check prints the failing seed and path too.
 */
import fc from 'fast-check';

const seed = Number(process.env['FC_SEED'] ?? 20261121);
fc.configureGlobal({ seed });
if (!process.env['FC_SEED_PRINTED']) {
  process.env['FC_SEED_PRINTED'] = '1';
  console.log(`fast-check seed: ${seed} (replay with FC_SEED=${seed})`);
}
