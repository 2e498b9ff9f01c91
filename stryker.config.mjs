// @ts-check
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * `file:start-end` line ranges covering the named class methods of a file, each range running
 * from the first method's doc comment to the last one's closing brace. Computed from the source at
 * load, so edits above or inside the methods cannot shift the ranges onto other code.
 * @param {string} file
 * @param {string[][]} groups runs of adjacent methods, each given as [first, last] (or [only])
 */
function methodRanges(file, groups) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  /** @type {Map<string, ts.MethodDeclaration>} */
  const methods = new Map();
  const visit = (/** @type {ts.Node} */ node) => {
    if (ts.isMethodDeclaration(node) && ts.isIdentifier(node.name)) methods.set(node.name.text, node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const line = (/** @type {number} */ pos) => source.getLineAndCharacterOfPosition(pos).line + 1;
  return groups.map((group) => {
    const [first, last] = [group[0], group.at(-1)].map((name) => {
      const method = methods.get(name);
      if (!method) throw new Error(`stryker.config.mjs: no method ${name} in ${file}`);
      return method;
    });
    // getStart with its JSDoc flag set starts at the doc comment above the method.
    return `${file}:${line(first.getStart(source, true))}-${line(last.getEnd())}`;
  });
}

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
    // The recipient resolution of notices: mayAddress and resolve, release (with removedGroups),
    // scopeBranchIds.
    ...methodRanges('src/services/notices.ts', [
      ['mayAddress', 'resolve'],
      ['release', 'removedGroups'],
      ['scopeBranchIds'],
    ]),
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
