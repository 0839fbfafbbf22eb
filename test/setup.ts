/**
 * Property tests run from one seed, printed once by `global-setup.ts`, so every run is
 * reproducible: `FC_SEED=123 npm test` replays another. fast-check prints a failure's seed and path.
 */
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env['FC_SEED'] ?? 20261121) });
