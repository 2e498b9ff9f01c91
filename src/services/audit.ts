import { desc, eq, and } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { auditLog } from '../db/schema.js';
import type { Actor } from './actor.js';

export type AuditEntry = typeof auditLog.$inferSelect;

/** The audit log: every change made through the bot or the CLI, with who and when. */
export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  record(actor: Actor, action: string, entity: string, entityId: string | number | null, details?: unknown): void {
    this.db
      .insert(auditLog)
      .values({
        at: this.clock.now(),
        source: actor.source,
        actorMemberId: actor.source === 'bot' ? actor.memberId : null,
        actorTelegramUserId: actor.source === 'bot' ? actor.telegramUserId : null,
        action,
        entity,
        entityId: entityId === null ? null : String(entityId),
        details: details === undefined ? (actor.source === 'cli' ? { user: actor.user } : null) : withCliUser(actor, details),
      })
      .run();
  }

  recent(limit = 50, filter?: { entity?: string; entityId?: string | number }): AuditEntry[] {
    const conditions = [];
    if (filter?.entity) conditions.push(eq(auditLog.entity, filter.entity));
    if (filter?.entityId !== undefined) conditions.push(eq(auditLog.entityId, String(filter.entityId)));
    return this.db
      .select()
      .from(auditLog)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(limit)
      .all();
  }
}

function withCliUser(actor: Actor, details: unknown): unknown {
  if (actor.source !== 'cli' || typeof details !== 'object' || details === null) return details;
  return { ...details, user: actor.user };
}
