/** Databases as an older release left them, for tests of the migrations that came after. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_FOLDER } from '../../src/db/connection.js';
import { tempDir } from './db.js';

interface Journal {
  entries: { idx: number; tag: string }[];
}

/** A copy of the migrations folder that stops just before the migration whose tag ends with `tag`. */
export function migrationsBefore(tag: string): string {
  const dir = tempDir('migrations-');
  mkdirSync(join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as Journal;
  const cut = journal.entries.findIndex((e) => e.tag.endsWith(tag));
  if (cut <= 0) throw new Error(`no migration ${tag} after the first`);
  const kept = journal.entries.slice(0, cut);
  for (const e of kept) copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: kept }));
  return dir;
}
