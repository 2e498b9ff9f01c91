import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { bloc } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';

export type Bloc = typeof bloc.$inferSelect;

const DEFAULT_NAME = 'Đảng bộ Khối';

/**
 * How long a read of the bloc's row is used again. The row is read for /trogiup, strangers'
 * welcome and more, and its statement cost as much as all the rest of a /trogiup's own work
 * (SQLite's read lock is a few system calls); it changes once in the bloc's life. This service's
 * own writes are seen at once; another process's (the CLI's demo) within this time.
 */
export const BLOC_FRESH_MS = 1_000;

/** The bloc's own settings (one row). */
export class BlocService {
  readonly #row;
  /** The row as last read, and when (the clock's milliseconds). */
  #recent: { row: Bloc; at: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.#row = db.select().from(bloc).where(eq(bloc.id, sql.placeholder('id'))).prepare();
  }

  /** The bloc's row: read again when the last read is older than BLOC_FRESH_MS. A copy: changing it changes nothing kept. */
  get(): Bloc {
    const now = this.clock.now().getTime();
    const recent = this.#recent;
    if (recent && now >= recent.at && now - recent.at < BLOC_FRESH_MS) return { ...recent.row };
    const row = this.#read();
    // Not kept from inside a transaction: it may yet be rolled back.
    this.#recent = this.db.$client.inTransaction ? undefined : { row, at: now };
    return { ...row };
  }

  #read(): Bloc {
    const row = this.#row.get({ id: 1 });
    if (row) return row;
    return this.db
      .insert(bloc)
      .values({ id: 1, name: DEFAULT_NAME, updatedAt: this.clock.now() })
      .onConflictDoNothing()
      .returning()
      .get() ?? this.db.select().from(bloc).where(eq(bloc.id, 1)).get()!;
  }

  setName(name: string, shortName: string | null, actor: Actor): Bloc {
    this.get();
    const row = this.db
      .update(bloc)
      .set({ name, shortName, updatedAt: this.clock.now() })
      .where(eq(bloc.id, 1))
      .returning()
      .get();
    this.#recent = undefined;
    this.audit.record(actor, 'bloc.update', 'bloc', 1, { name, shortName });
    return row;
  }

  /** Remembered at start-up (from getMe) so the CLI can print invite links. */
  setBotUsername(username: string): void {
    const current = this.get();
    if (current.botUsername === username) return;
    this.db.update(bloc).set({ botUsername: username, updatedAt: this.clock.now() }).where(eq(bloc.id, 1)).run();
    this.#recent = undefined;
  }
}
