// Page benchmarks (not tests): `make bench-page` or `cd e2e && npx playwright test -c bench.config.mjs`.
// Same server and browser as the specs; one long test per figure set, printing measurements.
import base from './playwright.config.mjs';

export default { ...base, testDir: './bench', timeout: 600_000, expect: { timeout: 300_000 } };
