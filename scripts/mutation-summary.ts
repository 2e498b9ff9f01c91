/**
 * The mutation score per area from Stryker's JSON report (`npm run test:mutation` writes it):
 *
 *   npm run mutation:summary [-- reports/mutation/mutation.json [more reports…]]
 *
 * Several reports (runs of parts of the code, with --mutate) are read together; a file in more
 * than one counts from the last.
 * Score = (killed + timeout) / (killed + timeout + survived + no coverage); ignored mutants (static
 * tables, see stryker.config.mjs) are not counted. A file belongs to the first area that matches
 * it, so roles.ts and audience.ts count under permissions, not under the domain.
 */
import { readFileSync } from 'node:fs';

const AREAS: { name: string; files: RegExp }[] = [
  { name: 'permissions & audiences', files: /^src\/(bot\/guards|domain\/roles|domain\/audience|services\/notices)\.ts$/ },
  { name: 'domain', files: /^src\/domain\// },
  { name: 'search visibility', files: /^src\/services\/search\.ts$/ },
  { name: 'outbox & sender', files: /^src\/delivery\// },
  { name: 'reminder planner', files: /^src\/services\/meeting-reminders\.ts$/ },
];

interface Report {
  files: Record<string, { mutants: { status: string }[] }>;
}

const paths = process.argv.length > 2 ? process.argv.slice(2) : ['reports/mutation/mutation.json'];
const files: Report['files'] = {};
for (const path of paths) Object.assign(files, (JSON.parse(readFileSync(path, 'utf8')) as Report).files);
const counts = new Map(AREAS.map((a) => [a.name, { killed: 0, timeout: 0, survived: 0, noCoverage: 0 }]));

for (const [file, { mutants }] of Object.entries(files)) {
  const area = AREAS.find((a) => a.files.test(file.replaceAll('\\', '/')));
  if (!area) throw new Error(`${file} is mutated but belongs to no area: add it to scripts/mutation-summary.ts`);
  const c = counts.get(area.name)!;
  for (const { status } of mutants) {
    if (status === 'Killed') c.killed++;
    else if (status === 'Timeout') c.timeout++;
    else if (status === 'Survived') c.survived++;
    else if (status === 'NoCoverage') c.noCoverage++;
  }
}

const score = (c: { killed: number; timeout: number; survived: number; noCoverage: number }) => {
  const detected = c.killed + c.timeout;
  const total = detected + c.survived + c.noCoverage;
  return total === 0 ? '–' : `${((100 * detected) / total).toFixed(1)} %`;
};

console.log('| Area | Killed | Timeout | Survived | No coverage | Score |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, c] of counts) {
  console.log(`| ${name} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${score(c)} |`);
}
