/**
 * Builds the dashboard page (src/web/client) into dist/web: index.html and content-hashed assets
 * under assets/, each with a gzip twin so the server sends compressed bytes without compressing per
 * request. Files are written next to their final name and renamed, so two builds at once (the two
 * vitest processes of `npm test`) never show a reader a half-written file.
 *
 *   npm run build:web
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../src/paths.js';

export const CLIENT_DIR = join(PROJECT_ROOT, 'src/web/client');
export const WEB_DIST = join(PROJECT_ROOT, 'dist/web');

export interface BuiltFile {
  /** Relative to the output directory, e.g. "assets/main-3KQ2.js". */
  path: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildWeb(outDir = WEB_DIST): Promise<BuiltFile[]> {
  const result = await build({
    entryPoints: [join(CLIENT_DIR, 'main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2020', 'chrome90', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    outdir: join(outDir, 'assets'),
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: join(CLIENT_DIR, 'tsconfig.json'),
  });
  const assets = result.outputFiles.map((file) => ({ path: relative(outDir, file.path).split('\\').join('/'), contents: Buffer.from(file.contents) }));
  const script = assets.find((a) => a.path.endsWith('.js'));
  const style = assets.find((a) => a.path.endsWith('.css'));
  if (!script) throw new Error('esbuild produced no script');
  const template = readFileSync(join(CLIENT_DIR, 'index.html'), 'utf8');
  // Relative URLs: the page works under whatever base path the reverse proxy gives it.
  const html = template
    .replace('<!-- styles -->', style ? `<link rel="stylesheet" href="${style.path}" />` : '')
    .replace('<!-- scripts -->', `<script type="module" src="${script.path}"></script>`);
  const files = [...assets, { path: 'index.html', contents: Buffer.from(html) }];

  mkdirSync(join(outDir, 'assets'), { recursive: true });
  const built: BuiltFile[] = [];
  // index.html last: it must never name an asset that is not there yet.
  for (const file of files) {
    const gzip = gzipSync(file.contents, { level: 9 });
    writeAtomically(join(outDir, file.path), file.contents);
    writeAtomically(join(outDir, `${file.path}.gz`), gzip);
    built.push({ path: file.path, bytes: file.contents.length, gzipBytes: gzip.length });
  }
  removeStale(join(outDir, 'assets'), new Set(assets.map((a) => basename(a.path))));
  return built;
}

function writeAtomically(path: string, contents: Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

/** Old hashed assets (and their .gz) from earlier builds. */
function removeStale(assetsDir: string, keep: Set<string>): void {
  for (const name of readdirSync(assetsDir)) {
    if (name.endsWith('.tmp')) continue;
    if (!keep.has(name.replace(/\.gz$/, ''))) rmSync(join(assetsDir, name), { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const files = await buildWeb();
  for (const file of files) console.log(`${file.path.padEnd(32)} ${String(file.bytes).padStart(8)} B  ${String(file.gzipBytes).padStart(7)} B gzip`);
  const total = files.reduce((sum, f) => sum + f.gzipBytes, 0);
  console.log(`dist/web built in ${Math.round(performance.now() - started)} ms; everything the page loads: ${(total / 1024).toFixed(1)} KB gzip`);
}
