/**
 * The durable outbox: messages waiting to go to Telegram, one row each, unique by dedupe key.
 * A row moves pending → sending → sent (or back to pending for a retry, or to failed/unreachable).
 * A row found in 'sending' at start-up was in flight at a crash: it goes back to pending, so it is
 * sent again at most once more. (The other source of duplicates is an answer lost on the way back:
 * the Sender cannot tell it from a failed send, and sends again.) A message for a chat known to be
 * unreachable (a member who blocked the bot, a group that removed it) is recorded as unreachable
 * without a call, until the chat comes back.
 *
 * Pins are rows too: a message enqueued with `pinAfterSent` gets a 'pin' row the moment it is
 * marked sent (in the same transaction, so a restart between the send and the pin loses nothing),
 * and a pin that succeeds adds an 'unpin' row for every older message the bot pinned in that chat:
 * the bot keeps one pinned message per chat, the newest (by Telegram's message id, the order the
 * chat shows them in). Each is keyed after the row it follows, so none is ever added twice.
 */
import { and, asc, eq, gt, inArray, isNull, lt, lte, notInArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import { outbox, type OutboxKind, type OutboxStatus, PRIORITY } from '../db/schema.js';

export type OutboxRow = typeof outbox.$inferSelect;

export interface OutboxItem {
  dedupeKey: string;
  chatId: number;
  memberId?: number | null;
  kind?: OutboxKind;
  /** Telegram HTML (text or caption). */
  text: string;
  fileId?: string | null;
  replyMarkup?: InlineKeyboardMarkup | null;
  priority?: number;
  /** Not before this instant (default: now). */
  notBefore?: Date;
  /** When it is meant to go: sent more than a minute after it, `lateNote` is appended. */
  dueAt?: Date;
  lateNote?: string;
  /** Never sent after this instant (e.g. a reminder once the meeting has started). */
  expiresAt?: Date;
  source?: string;
  sourceId?: number;
  /** The forum topic (message_thread_id) to post in; none: the chat itself (General). */
  threadId?: number | null;
  /** Pin the message in its chat once it is sent. */
  pinAfterSent?: boolean;
  /** 'pin' and 'unpin' rows: the message they act on. */
  targetMessageId?: number;
}

/** The final states a message can be recorded in without ever being sent. */
export type SettledStatus = Extract<OutboxStatus, 'sent' | 'unreachable' | 'failed'>;

/** The source of the pin rows that follow messages of `source` ('notice' → 'notice-pin'), and of their unpins. */
export const pinSource = (source: string | null) => `${source ?? 'outbox'}-pin`;
export const unpinSource = (source: string | null) => `${source ?? 'outbox'}-unpin`;

/** The columns an item names, whatever state its row starts in. */
function columnsOf(item: OutboxItem) {
  return {
    dedupeKey: item.dedupeKey,
    chatId: item.chatId,
    memberId: item.memberId ?? null,
    kind: item.kind ?? 'text',
    text: item.text,
    fileId: item.fileId ?? null,
    replyMarkup: item.replyMarkup ?? null,
    priority: item.priority ?? PRIORITY.notice,
    dueAt: item.dueAt ?? null,
    lateNote: item.lateNote ?? null,
    expiresAt: item.expiresAt ?? null,
    source: item.source ?? null,
    sourceId: item.sourceId ?? null,
    threadId: item.threadId ?? null,
    pinAfterSent: item.pinAfterSent ?? false,
    targetMessageId: item.targetMessageId ?? null,
  };
}

export type DeliveryCounts = Record<OutboxStatus, number> & { total: number };

/** lastError of a message never tried because its chat was known to be unreachable. */
export const KNOWN_UNREACHABLE = 'known unreachable';

/** Of these chats, the ones known to be unreachable, with since when. */
export type UnreachableLookup = (chatIds: readonly number[]) => Map<number, Date>;

const TERMINAL: OutboxStatus[] = ['sent', 'failed', 'unreachable', 'cancelled'];

export class Outbox {
  readonly #listeners = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly knownUnreachable: UnreachableLookup = () => new Map(),
  ) {}

  /** Adds messages; ones whose dedupe key exists already are ignored. Returns how many were new. */
  enqueue(items: readonly OutboxItem[]): number {
    if (items.length === 0) return 0;
    let inserted = 0;
    this.db.transaction(() => {
      inserted = this.insert(items);
    }, { behavior: 'immediate' });
    if (inserted > 0) this.notify();
    return inserted;
  }

  private notify(): void {
    for (const listener of this.#listeners) listener();
  }

  /** The rows of `items` not there yet, inside the caller's transaction. */
  private insert(items: readonly OutboxItem[]): number {
    const now = this.clock.now();
    let inserted = 0;
    for (let i = 0; i < items.length; i += 200) {
      const batch = items.slice(i, i + 200);
      const unreachable = this.knownUnreachable([...new Set(batch.map((item) => item.chatId))]);
      const rows = batch.map((item) => ({
        ...columnsOf(item),
        nextAttemptAt: item.notBefore ?? now,
        createdAt: now,
        ...skipped(unreachable.get(item.chatId)),
      }));
      inserted += this.db.insert(outbox).values(rows).onConflictDoNothing({ target: outbox.dedupeKey }).run().changes;
    }
    return inserted;
  }

  /**
   * Records messages that are already settled (sent, unreachable or failed at `at`), for history
   * brought in from elsewhere such as the demo bloc: they are never sent, as only pending rows are.
   * Ones whose dedupe key exists already are ignored. Returns how many were new.
   */
  recordSettled(items: readonly (OutboxItem & { status: SettledStatus; at: Date; error?: string })[]): number {
    if (items.length === 0) return 0;
    let inserted = 0;
    this.db.transaction((tx) => {
      for (let i = 0; i < items.length; i += 200) {
        const rows = items.slice(i, i + 200).map((item) => ({
          ...columnsOf(item),
          status: item.status,
          attempts: 1,
          nextAttemptAt: item.at,
          lastError: item.status === 'sent' ? null : (item.error ?? item.status),
          sentAt: item.status === 'sent' ? item.at : null,
          createdAt: item.at,
        }));
        inserted += tx.insert(outbox).values(rows).onConflictDoNothing({ target: outbox.dedupeKey }).run().changes;
      }
    }, { behavior: 'immediate' });
    return inserted;
  }

  /** Calls `listener` after every enqueue that added a message (the Sender looks at once). */
  onEnqueue(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Pending rows due by `now`, most urgent first, leaving out the chats in `exceptChats`, and the
   * other messages of a chat while one of its long messages is half sent (waiting for a retry of
   * its next part), so that nothing lands between its parts.
   */
  due(now: Date, limit: number, exceptChats: readonly number[] = []): OutboxRow[] {
    return this.db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.status, 'pending'),
          lte(outbox.nextAttemptAt, now),
          exceptChats.length > 0 ? notInArray(outbox.chatId, [...exceptChats]) : undefined,
          sql`not exists (select 1 from ${outbox} as begun where begun.chat_id = ${outbox.chatId} and begun.status = 'pending' and begun.parts_sent > 0 and begun.id <> ${outbox.id})`,
        ),
      )
      .orderBy(asc(outbox.priority), asc(outbox.nextAttemptAt), asc(outbox.id))
      .limit(limit)
      .all();
  }

  /** When the next pending row falls due (after `after`, when given), or null when there is none. */
  nextDueAt(after?: Date): Date | null {
    const row = this.db
      .select({ at: sql<number>`min(${outbox.nextAttemptAt})` })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), after ? gt(outbox.nextAttemptAt, after) : undefined))
      .get();
    return row?.at ? new Date(row.at) : null;
  }

  /**
   * Takes a pending row for sending, in one statement: of two senders that read the same row, only
   * one gets it back (the other gets null), so no message is ever taken twice.
   */
  claim(id: number): OutboxRow | null {
    return (
      this.db
        .update(outbox)
        .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1` })
        .where(and(eq(outbox.id, id), eq(outbox.status, 'pending')))
        .returning()
        .get() ?? null
    );
  }

  /**
   * The row went out (its last part is `telegramMessageId`; for a pin or an unpin, the message it
   * acted on). What follows it is added in the same transaction: the pin of a message to pin, the
   * unpins of the older pins after a pin.
   */
  markSent(id: number, telegramMessageId: number): void {
    let added = 0;
    this.db.transaction(() => {
      const row = this.db
        .update(outbox)
        .set({ status: 'sent', telegramMessageId, sentAt: this.clock.now(), lastError: null })
        .where(eq(outbox.id, id))
        .returning()
        .get();
      if (row?.pinAfterSent) added += this.insert([pinOf(row, telegramMessageId)]);
      if (row?.kind === 'pin') added += this.insert(this.olderPins(row).map(unpinOf));
    }, { behavior: 'immediate' });
    if (added > 0) this.notify();
  }

  /** Pins the bot made in this row's chat before the message it pinned, and has not undone. */
  private olderPins(pin: OutboxRow): OutboxRow[] {
    const unpin = alias(outbox, 'unpin');
    return this.db
      .select({ row: outbox })
      .from(outbox)
      .leftJoin(unpin, eq(unpin.dedupeKey, sql`${outbox.dedupeKey} || ':unpin'`))
      .where(
        and(
          eq(outbox.chatId, pin.chatId),
          eq(outbox.kind, 'pin'),
          eq(outbox.status, 'sent'),
          lt(outbox.targetMessageId, pin.targetMessageId!),
          isNull(unpin.id),
        ),
      )
      .orderBy(asc(outbox.id))
      .all()
      .map((r) => r.row);
  }

  /** A pin whose chat already shows a newer message the bot pinned: pinning it now would bury that one. */
  supersededPin(pin: OutboxRow): boolean {
    const newer = this.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.chatId, pin.chatId), eq(outbox.kind, 'pin'), eq(outbox.status, 'sent'), gt(outbox.targetMessageId, pin.targetMessageId!)))
      .get();
    return newer !== undefined;
  }

  /** Settled without a call (e.g. a pin superseded before its turn). */
  markSkipped(id: number, reason: string): void {
    this.db.update(outbox).set({ status: 'cancelled', lastError: reason }).where(eq(outbox.id, id)).run();
  }

  /**
   * Telegram refused the forum topic of this row (deleted or closed): it goes to the chat itself
   * (General) at once, as do the other messages still waiting for that topic.
   */
  moveToGeneral(row: OutboxRow, error: string): void {
    this.db.transaction(() => {
      this.db.update(outbox).set({ status: 'pending', threadId: null, lastError: error }).where(eq(outbox.id, row.id)).run();
      this.db
        .update(outbox)
        .set({ threadId: null })
        .where(and(eq(outbox.chatId, row.chatId), eq(outbox.threadId, row.threadId!), eq(outbox.status, 'pending')))
        .run();
    }, { behavior: 'immediate' });
  }

  /**
   * One part of a long message went out: the row waits for its next part. It keeps its place in the
   * queue and goes before anything else to the chat, so no other message lands between its parts;
   * a message begun is finished even past its expiry. Attempts start again for the next part.
   */
  markPartSent(id: number, partsSent: number): void {
    this.db
      .update(outbox)
      .set({ status: 'pending', partsSent, priority: PRIORITY.urgent, attempts: 0, lastError: null, expiresAt: null })
      .where(eq(outbox.id, id))
      .run();
  }

  /** Back to pending, to be tried again at `at`. */
  retryAt(id: number, at: Date, error: string): void {
    this.db.update(outbox).set({ status: 'pending', nextAttemptAt: at, lastError: error }).where(eq(outbox.id, id)).run();
  }

  /** Too late to be of use: never sent. */
  markExpired(id: number): void {
    this.db.update(outbox).set({ status: 'cancelled', lastError: 'expired' }).where(eq(outbox.id, id)).run();
  }

  markFailed(id: number, error: string): void {
    this.db.update(outbox).set({ status: 'failed', lastError: error }).where(eq(outbox.id, id)).run();
  }

  markUnreachable(id: number, error: string): void {
    this.db.update(outbox).set({ status: 'unreachable', lastError: error }).where(eq(outbox.id, id)).run();
  }

  /** A group became a supergroup: everything not yet sent to it goes to the new id. */
  retarget(oldChatId: number, newChatId: number): void {
    this.db
      .update(outbox)
      .set({ chatId: newChatId })
      .where(and(eq(outbox.chatId, oldChatId), inArray(outbox.status, ['pending', 'sending'])))
      .run();
  }

  /** Telegram said this chat is gone: nothing else pending for it will get through either. */
  dropPendingFor(chatId: number, error: string): number {
    return this.db
      .update(outbox)
      .set({ status: 'unreachable', lastError: error })
      .where(and(eq(outbox.chatId, chatId), eq(outbox.status, 'pending')))
      .run().changes;
  }

  /** Rows left in 'sending' by a crash go back to pending. Returns how many. */
  recoverInFlight(): number {
    return this.db.update(outbox).set({ status: 'pending' }).where(eq(outbox.status, 'sending')).run().changes;
  }

  cancelPending(source: string, sourceId: number): number {
    return this.db
      .update(outbox)
      .set({ status: 'cancelled' })
      .where(and(eq(outbox.source, source), eq(outbox.sourceId, sourceId), eq(outbox.status, 'pending')))
      .run().changes;
  }

  counts(source: string, sourceId: number): DeliveryCounts {
    const rows = this.db
      .select({ status: outbox.status, n: sql<number>`count(*)` })
      .from(outbox)
      .where(and(eq(outbox.source, source), eq(outbox.sourceId, sourceId)))
      .groupBy(outbox.status)
      .all();
    const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, failed: 0, unreachable: 0, cancelled: 0, total: 0 };
    for (const r of rows) {
      counts[r.status] = r.n;
      counts.total += r.n;
    }
    return counts;
  }

  /** True when every row of this source has reached a final state. */
  isSettled(source: string, sourceId: number): boolean {
    const c = this.counts(source, sourceId);
    return c.pending + c.sending === 0;
  }

  rowsOf(source: string, sourceId: number, statuses: OutboxStatus[] = TERMINAL): OutboxRow[] {
    return this.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.source, source), eq(outbox.sourceId, sourceId), inArray(outbox.status, statuses)))
      .orderBy(asc(outbox.id))
      .all();
  }

  get(dedupeKey: string): OutboxRow | null {
    return this.db.select().from(outbox).where(eq(outbox.dedupeKey, dedupeKey)).get() ?? null;
  }

  /** The latest creation time per sourceId of the rows of `source` whose dedupe key starts with `keyPrefix`. */
  latestBySource(source: string, keyPrefix: string): Map<number, Date> {
    const rows = this.db
      .select({ sourceId: outbox.sourceId, at: sql<number>`max(${outbox.createdAt})` })
      .from(outbox)
      .where(and(eq(outbox.source, source), sql`substr(${outbox.dedupeKey}, 1, ${keyPrefix.length}) = ${keyPrefix}`))
      .groupBy(outbox.sourceId)
      .all();
    return new Map(rows.filter((r) => r.sourceId !== null).map((r) => [r.sourceId!, new Date(r.at)]));
  }
}

/** The pin that follows a message once it is sent: keyed after it, so it is added once. */
function pinOf(row: OutboxRow, messageId: number): OutboxItem {
  const key = row.source !== null && row.sourceId !== null ? `${row.source}:${row.sourceId}` : 'outbox';
  return {
    dedupeKey: `${key}:pin:${row.chatId}:${messageId}`,
    chatId: row.chatId,
    kind: 'pin',
    text: '',
    targetMessageId: messageId,
    priority: row.priority,
    source: pinSource(row.source),
    sourceId: row.sourceId ?? undefined,
  };
}

/** Undoes an older pin; keyed after it. */
function unpinOf(pin: OutboxRow): OutboxItem {
  const base = pin.source?.replace(/-pin$/, '') ?? null;
  return {
    dedupeKey: `${pin.dedupeKey}:unpin`,
    chatId: pin.chatId,
    kind: 'unpin',
    text: '',
    targetMessageId: pin.targetMessageId!,
    priority: pin.priority,
    source: unpinSource(base),
    sourceId: pin.sourceId ?? undefined,
  };
}

/** A row for a chat known to be unreachable: settled at once, with the reason the report shows. */
function skipped(since: Date | undefined): { status: OutboxStatus; lastError: string | null } {
  return since ? { status: 'unreachable', lastError: `${KNOWN_UNREACHABLE} since ${since.toISOString()}` } : { status: 'pending', lastError: null };
}
