import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { chats } from '../db/schema.js';
import type { Actor } from './actor.js';
import type { AuditService } from './audit.js';

export type ChatRow = typeof chats.$inferSelect;

export interface ChatInfo {
  id: number;
  type: string;
  title?: string;
}

/** Group chats the bot is in, and the branch each one belongs to. */
export class ChatService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  get(telegramChatId: number): ChatRow | null {
    return this.db.select().from(chats).where(eq(chats.telegramChatId, telegramChatId)).get() ?? null;
  }

  /** The bot was added to (or is still in) a group: make sure it is recorded and active. */
  recordPresent(chat: ChatInfo, addedBy: number | null, actor: Actor): ChatRow {
    const existing = this.get(chat.id);
    const now = this.clock.now();
    if (existing) {
      if (existing.status === 'active' && existing.title === (chat.title ?? null)) return existing;
      const row = this.db
        .update(chats)
        .set({ status: 'active', title: chat.title ?? existing.title, type: chat.type, updatedAt: now })
        .where(eq(chats.id, existing.id))
        .returning()
        .get();
      if (existing.status !== 'active') this.audit.record(actor, 'chat.readded', 'chat', chat.id, { title: chat.title });
      return row;
    }
    const row = this.db
      .insert(chats)
      .values({
        telegramChatId: chat.id,
        type: chat.type,
        title: chat.title ?? null,
        status: 'active',
        addedByTelegramUserId: addedBy,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    this.audit.record(actor, 'chat.added', 'chat', chat.id, { title: chat.title, type: chat.type });
    return row;
  }

  /** The bot was removed or kicked, or Telegram answered 403: the link stays, the chat goes quiet. */
  markRemoved(telegramChatId: number, actor: Actor): void {
    const existing = this.get(telegramChatId);
    if (!existing || existing.status === 'removed') return;
    this.db
      .update(chats)
      .set({ status: 'removed', updatedAt: this.clock.now() })
      .where(eq(chats.id, existing.id))
      .run();
    this.audit.record(actor, 'chat.removed', 'chat', telegramChatId);
  }

  /** Of these chats, the groups the bot was removed from (until it is added again), with since when. */
  removedAmong(telegramChatIds: readonly number[]): Map<number, Date> {
    if (telegramChatIds.length === 0) return new Map();
    const rows = this.db
      .select({ id: chats.telegramChatId, since: chats.updatedAt })
      .from(chats)
      .where(and(inArray(chats.telegramChatId, [...telegramChatIds]), eq(chats.status, 'removed')))
      .all();
    return new Map(rows.map((r) => [r.id, r.since]));
  }

  /**
   * Links the group to a branch; `threadId` is the forum topic the link was made in (the branch's
   * messages go there), null for General or a group without topics.
   */
  link(telegramChatId: number, branchId: number, actor: Actor, threadId: number | null = null): ChatRow {
    const existing = this.get(telegramChatId);
    if (!existing) throw new Error(`Unknown chat ${telegramChatId}`);
    const row = this.db
      .update(chats)
      .set({ branchId, threadId, updatedAt: this.clock.now() })
      .where(eq(chats.id, existing.id))
      .returning()
      .get();
    this.audit.record(actor, 'chat.link', 'chat', telegramChatId, {
      branchId,
      previousBranchId: existing.branchId,
      ...(threadId !== null || existing.threadId !== null ? { threadId, previousThreadId: existing.threadId } : {}),
    });
    return row;
  }

  /**
   * Telegram refused the linked topic (deleted, or closed): the message went to General instead.
   * A deleted topic never comes back, so the link falls back to General for good; a closed one may
   * be reopened, so the link keeps it. Either way the audit log keeps what happened.
   */
  topicRefused(telegramChatId: number, threadId: number, description: string, outboxId: number): void {
    const existing = this.get(telegramChatId);
    const deleted = !/TOPIC_CLOSED/i.test(description);
    if (existing && deleted && existing.threadId === threadId) {
      this.db.update(chats).set({ threadId: null, updatedAt: this.clock.now() }).where(eq(chats.id, existing.id)).run();
    }
    this.audit.record({ source: 'system' }, deleted ? 'chat.topic_gone' : 'chat.topic_closed', 'chat', telegramChatId, {
      threadId,
      description,
      outboxId,
      sentTo: 'general',
    });
  }

  /** What Telegram told of the bot's right to pin in this chat (my_chat_member, getChatMember, a refused pin). */
  recordBotRights(telegramChatId: number, canPin: boolean): void {
    const now = this.clock.now();
    this.db.update(chats).set({ botCanPin: canPin, botRightsAt: now }).where(eq(chats.telegramChatId, telegramChatId)).run();
  }

  /**
   * A group became a supergroup: the new chat id inherits the branch link. Safe to call twice (the
   * service message and a 400 migrate_to_chat_id can both report the same migration).
   */
  migrate(oldChatId: number, newChatId: number, actor: Actor): ChatRow | null {
    return this.db.transaction(() => {
      const old = this.get(oldChatId);
      const target = this.get(newChatId);
      const now = this.clock.now();
      if (!old) return target;
      if (old.status === 'migrated' && target) return target;
      let row: ChatRow;
      if (target) {
        row = this.db
          .update(chats)
          .set({
            branchId: target.branchId ?? old.branchId,
            title: target.title ?? old.title,
            migratedFromChatId: oldChatId,
            status: 'active',
            updatedAt: now,
          })
          .where(eq(chats.id, target.id))
          .returning()
          .get();
      } else {
        row = this.db
          .insert(chats)
          .values({
            telegramChatId: newChatId,
            type: 'supergroup',
            title: old.title,
            branchId: old.branchId,
            status: 'active',
            migratedFromChatId: oldChatId,
            addedByTelegramUserId: old.addedByTelegramUserId,
            createdAt: now,
            updatedAt: now,
          })
          .returning()
          .get();
      }
      this.db
        .update(chats)
        .set({ status: 'migrated', migratedToChatId: newChatId, updatedAt: now })
        .where(eq(chats.id, old.id))
        .run();
      this.audit.record(actor, 'chat.migrate', 'chat', oldChatId, { to: newChatId, branchId: row.branchId });
      return row;
    }, { behavior: 'immediate' });
  }

  /**
   * What stays of a group through its upgrade to a supergroup, for keys that must not change with
   * the chat id (a reminder is once per group): the row id of the basic group it started as. The
   * supergroup's row points back to it; Telegram upgrades a group once, so one step back suffices.
   * Keyed by Telegram chat id (old or new); ids never seen are left out.
   */
  identities(telegramChatIds: readonly number[]): Map<number, number> {
    const out = new Map<number, number>();
    if (telegramChatIds.length === 0) return out;
    const origin = alias(chats, 'origin');
    const unique = [...new Set(telegramChatIds)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = this.db
        .select({ telegramChatId: chats.telegramChatId, id: chats.id, originId: origin.id })
        .from(chats)
        .leftJoin(origin, eq(origin.telegramChatId, chats.migratedFromChatId))
        .where(inArray(chats.telegramChatId, unique.slice(i, i + 500)))
        .all();
      for (const r of rows) out.set(r.telegramChatId, r.originId ?? r.id);
    }
    return out;
  }

  linkedTo(branchId: number): ChatRow[] {
    return this.db
      .select()
      .from(chats)
      .where(and(eq(chats.branchId, branchId), eq(chats.status, 'active')))
      .orderBy(asc(chats.id))
      .all();
  }
}
