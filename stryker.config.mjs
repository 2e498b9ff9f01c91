// @ts-check
/**
 * Mutation testing (`npm run test:mutation`) over the code where a silent regression hurts most:
 * the domain, the permission and audience rules, search's visibility filter, the outbox and its
 * sender, and the reminder planner. See "Mutation testing" in the README.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  // Mutants in module-level tables (header aliases, limits) would each need the whole suite.
  ignoreStatic: true,
  mutate: [
    'src/domain/**/*.ts',
    'src/bot/guards.ts',
    'src/services/search.ts',
    'src/services/meeting-reminders.ts',
    // The recipient resolution of notices: mayAddress and resolve, release, scopeBranchIds.
    'src/services/notices.ts:139-184',
    'src/services/notices.ts:266-310',
    'src/services/notices.ts:706-722',
    'src/delivery/outbox.ts',
    'src/delivery/sender.ts',
    'src/delivery/budget.ts',
    'src/delivery/pacing.ts',
    'src/delivery/parts.ts',
    'src/delivery/transport.ts',
  ],
  concurrency: 2,
  timeoutMS: 10_000,
  timeoutFactor: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
