/**
 * fast-check settings for every test project. In CI (CI=true) the seed is fixed so a run is
 * reproducible; locally each run draws a new seed (printed by fast-check on failure) so the
 * properties keep exploring. FC_SEED=<n> replays a reported failure.
 */
import fc from 'fast-check';

const fixedSeed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI ? 20261126 : undefined;
fc.configureGlobal({ numRuns: 200, ...(fixedSeed === undefined ? {} : { seed: fixedSeed }) });
