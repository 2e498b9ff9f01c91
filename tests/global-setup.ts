/**
 * Builds once per test run what the tests run or serve: the compiled bot (the process tests and the
 * benchmarks start it as `npm start` does) and the dashboard page (dist/web).
 */
import { buildServer } from '../scripts/build-server.js';
import { buildWeb } from '../scripts/build-web.js';

export default async function setup(): Promise<void> {
  await Promise.all([buildServer(), buildWeb()]);
}
