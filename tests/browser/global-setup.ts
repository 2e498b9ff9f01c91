/** Builds the dashboard page once per test run: the browser tests and the static handler's tests serve dist/web. */
import { buildWeb } from '../../scripts/build-web.js';

export default async function setup(): Promise<void> {
  await buildWeb();
}
