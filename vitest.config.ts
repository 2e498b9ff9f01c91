import { defineConfig } from 'vitest/config';

/**
 * Files whose assertions depend on real-time pacing or on processes they spawn (Telegram's limits
 * against the sending budget, a kill -9 mid-broadcast, reminders on the real clock, the bot and
 * benchmark processes): they run one at a time, never alongside each other.
 */
const SERIAL = [
  'tests/e2e/delivery.test.ts',
  'tests/e2e/crash.test.ts',
  'tests/e2e/reminder-precision.test.ts',
  'tests/e2e/process.test.ts',
  'tests/delivery/sender.test.ts',
  'tests/scripts/**/*.test.ts',
];

/**
 * The dashboard page's tests in Chromium: a browser takes more than a core while it renders, which
 * would starve the timing-sensitive tests above, so these run on their own after the others.
 */
const BROWSER = ['tests/browser/**/*.test.ts'];

// Most of an end-to-end test's time is waiting (the fake's latency, pacing, timers), not CPU: three
// files at a time fit two cores. `npm test` runs the two projects side by side, in two vitest
// processes; a plain `vitest run` runs them one after the other (sequence.groupOrder).
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
    // The compiled bot (dist/src) and the dashboard page (dist/web) are built once before any test runs them.
    globalSetup: ['tests/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'parallel', include: ['tests/**/*.test.ts'], exclude: [...SERIAL, ...BROWSER], maxWorkers: 3, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'serial', include: SERIAL, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: { name: 'browser', include: BROWSER, maxWorkers: 1, sequence: { groupOrder: 2 } },
      },
    ],
  },
});
