/**
 * The project's own folder, for the files found by path at run time (locales/, drizzle/, dist/web).
 * Production runs the compiled copy under dist/src, one folder deeper than src/, so the root is
 * the nearest folder upwards that holds package.json rather than a fixed number of '..'.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
