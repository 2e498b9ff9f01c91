import { relative } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files that take seconds (real time: pacing, back-offs, 429 pauses), run last, so that a
 * mutant a fast test kills is found before them (Stryker stops at the first failing test).
 */
const SLOW_LAST = ['tests/cli/', 'tests/delivery/parts.test.ts', 'tests/delivery/transport.test.ts', 'tests/delivery/sender.test.ts'];

class FastFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const path = relative(process.cwd(), spec.moduleId);
      const slow = SLOW_LAST.findIndex((prefix) => path.startsWith(prefix));
      return [slow, path] as const;
    };
    return [...files].sort((a, b) => {
      const [ra, pa] = rank(a);
      const [rb, pb] = rank(b);
      return ra - rb || (pa < pb ? -1 : pa > pb ? 1 : 0);
    });
  }
}

/**
 * The tests Stryker runs against each mutant (stryker.config.mjs): the unit, service, delivery and
 * in-process CLI tests. Left out: the end-to-end tests (they start the whole bot and take minutes),
 * the CLI process tests (a spawned process runs the original code, not the mutant) and the backup
 * tests (they reach none of the mutated code).
 */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/services/**/*.test.ts', 'tests/delivery/**/*.test.ts', 'tests/cli/*.test.ts'],
    exclude: ['tests/cli/process.test.ts', 'tests/cli/backup.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // The static handler's tests serve the built page.
    globalSetup: ['tests/browser/global-setup.ts'],
    // The real-time delivery tests can miss a bound on a loaded machine: a failure that a second
    // try does not repeat is no kill (and does not stop the initial run).
    retry: 1,
    sequence: { sequencer: FastFirst },
  },
});
