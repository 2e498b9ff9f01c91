import { eq, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { bloc } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';

export type Bloc = typeof bloc.$inferSelect;

const DEFAULT_NAME = 'Đảng bộ Khối';

/** The bloc's own settings (one row). */
export class BlocService {
  /** Read for /trogiup, strangers' welcome and more: prepared once. */
  readonly #row;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.#row = db.select().from(bloc).where(eq(bloc.id, sql.placeholder('id'))).prepare();
  }

  get(): Bloc {
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
    this.audit.record(actor, 'bloc.update', 'bloc', 1, { name, shortName });
    return row;
  }

  /** Remembered at start-up (from getMe) so the CLI can print invite links. */
  setBotUsername(username: string): void {
    const current = this.get();
    if (current.botUsername === username) return;
    this.db.update(bloc).set({ botUsername: username, updatedAt: this.clock.now() }).where(eq(bloc.id, 1)).run();
  }
}
