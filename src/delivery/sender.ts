/**
 * Drains the outbox at Telegram's pace, inside the budget it shares with direct replies (which go
 * first). Most urgent first; one message at a time per chat; each row is claimed atomically, so
 * two senders never take the same one; a 429 pauses everything for retry_after and slows the
 * budget; 5xx and network errors back off and retry; 403 means the member blocked the bot or the
 * bot left the group (no retry); a 400 with migrate_to_chat_id moves the chat and resends; a 400
 * refusing the row's forum topic (deleted or closed) sends it to the chat's General instead; any
 * other 400 fails with its reason. Pins and unpins are rows like messages: paced, claimed and
 * retried the same way; a pin refused for want of rights is failed once and reported, never retried.
 */
import { type Api, GrammyError, HttpError } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Outbox, OutboxRow } from './outbox.js';
import { SendBudget } from './budget.js';
import { LATE_NOTE_SEPARATOR, type MessagePart, messageParts } from './parts.js';
import type { PacingLimits } from './pacing.js';

export interface DeliveryHooks {
  /** Telegram answered 403 for this chat. */
  unreachable(chatId: number, description: string): void;
  /** A group was upgraded: its link must follow. */
  migrated(oldChatId: number, newChatId: number): void;
  /** The message was given up as failed (a 400, or out of attempts): whoever caused it should hear. */
  failed?(row: OutboxRow, description: string): void;
  /** Telegram refused the row's forum topic: it went to General; the chat's link may need to follow. */
  topicRefused?(row: OutboxRow, description: string): void;
  /** Telegram refused a pin for want of rights: the bot may not pin in this chat (for now). */
  pinRefused?(chatId: number, description: string): void;
}

/** Telegram's answers refusing a forum topic: deleted (or never there), or closed. */
const TOPIC_REFUSED = /message thread not found|TOPIC_CLOSED|TOPIC_DELETED/i;
/** Telegram's answers refusing a pin for want of rights. */
const PIN_RIGHTS_REFUSED = /not enough rights to (manage pinned messages|pin)/i;

export interface SenderOptions {
  outbox: Outbox;
  api: Api;
  clock: Clock;
  logger: Logger;
  hooks: DeliveryHooks;
  /** The budget shared with direct replies; without one, the Sender has its own at `limits`. */
  budget?: SendBudget;
  limits?: PacingLimits;
  /** Requests in flight at once (default 25). */
  concurrency?: number;
  /** Attempts before a message is given up as failed (default 12). */
  maxAttempts?: number;
}

const MAX_BACKOFF_MS = 5 * 60_000;
/** A message sent this long after its due time carries its late note. */
const LATE_AFTER_MS = 60_000;
const IDLE_POLL_MS = 1000;
/** Due rows read per look at the outbox. */
const DUE_BATCH = 200;
/** The rows read ahead are read again at least this often (rows enqueued by another process). */
const REREAD_MS = 2_000;

export class Sender {
  readonly #o: Required<Omit<SenderOptions, 'limits' | 'budget'>>;
  readonly #budget: SendBudget;
  #running = false;
  #loop: Promise<void> | undefined;
  #inFlight = new Set<Promise<void>>();
  #busyChats = new Set<number>();
  #wake: (() => void) | undefined;
  /**
   * The next due row of each chat, most urgent first, read ahead so that a departure costs no
   * query (a look at the outbox takes longer than the gap between two messages at 29/s).
   */
  #ahead: OutboxRow[] = [];
  #aheadReadAt = -Infinity;
  /** When (app clock) the first row that was not yet due at the last read falls due. */
  #aheadUntil = -Infinity;
  #stale = true;
  /** Chats seen with more than one due row at the last read: their next row needs a new look. */
  #chatsWithMore = new Set<number>();
  /** Counters since start, for benchmarks and the log. */
  readonly stats = { sent: 0, retried: 0, tooManyRequests: 0, failed: 0, unreachable: 0 };

  constructor(options: SenderOptions) {
    this.#o = { concurrency: 25, maxAttempts: 12, ...options };
    this.#budget = options.budget ?? new SendBudget({ limits: options.limits });
    options.outbox.onEnqueue(() => this.wake());
  }

  start(): void {
    if (this.#running) return;
    const recovered = this.#o.outbox.recoverInFlight();
    if (recovered > 0) this.#o.logger.warn({ recovered }, 'messages in flight at the last stop will be sent again');
    this.#running = true;
    this.#stale = true;
    this.#loop = this.run();
  }

  /** Stops taking new work and waits for requests in flight. */
  async stop(): Promise<void> {
    this.#running = false;
    this.wakeLoop();
    await this.#loop;
    await Promise.allSettled([...this.#inFlight]);
  }

  /** Something was enqueued: look now rather than at the next poll. */
  wake(): void {
    this.#stale = true;
    this.wakeLoop();
  }

  private wakeLoop(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  private async run(): Promise<void> {
    while (this.#running) {
      let waitMs: number;
      try {
        waitMs = this.dispatch();
      } catch (error) {
        this.#o.logger.error({ err: error }, 'delivery loop failed; retrying');
        this.#stale = true;
        waitMs = IDLE_POLL_MS;
      }
      await this.sleep(waitMs);
    }
  }

  /** Starts every send allowed now; returns how long to sleep before looking again. */
  private dispatch(): number {
    const { outbox, clock, concurrency } = this.#o;
    const budget = this.#budget;
    // Pacing runs on the budget's clock (physical time); due and expiry on the app's clock.
    const now = budget.now();
    const today = clock.now();
    let wait = IDLE_POLL_MS;
    const globalWait = budget.pushWait(now);
    if (globalWait > 0) return Math.min(globalWait, wait);
    if (this.#inFlight.size >= concurrency) return wait;
    const reread = this.#stale || this.#ahead.length === 0 || today.getTime() >= this.#aheadUntil || now - this.#aheadReadAt >= REREAD_MS;
    if (reread) this.readAhead(today);
    wait = Math.max(1, Math.min(wait, this.#aheadUntil - today.getTime()));
    const ahead = this.#ahead;
    for (let i = 0; i < ahead.length; ) {
      if (this.#inFlight.size >= concurrency) return Math.max(1, budget.pushWait(now) || wait);
      const g = budget.pushWait(now);
      if (g > 0) return g;
      const row = ahead[i]!;
      if (this.#busyChats.has(row.chatId)) {
        i++;
        continue;
      }
      if (row.expiresAt && row.expiresAt.getTime() <= today.getTime()) {
        ahead.splice(i, 1);
        outbox.markExpired(row.id);
        this.#stale = true; // the chat's next row, if any
        continue;
      }
      const chatWait = budget.chatWait(row.chatId, now);
      if (chatWait > 0) {
        wait = Math.min(wait, chatWait);
        i++;
        continue;
      }
      ahead.splice(i, 1);
      // The row as it is now (another sender, a cancel or a group's migration may have changed it).
      const claimed = outbox.claim(row.id);
      if (!claimed) continue;
      budget.take(claimed.chatId, now);
      this.launch(claimed);
    }
    return Math.max(1, Math.min(wait, budget.pushWait(now) || wait));
  }

  /**
   * Reads the first due row of every chat, most urgent first, and when the next row not yet due
   * falls due. Chats already seen are left out of the next batch, so one chat's backlog never
   * hides every other chat's messages.
   */
  private readAhead(today: Date): void {
    const { outbox } = this.#o;
    this.#stale = false;
    this.#aheadReadAt = this.#budget.now();
    this.#aheadUntil = outbox.nextDueAt(today)?.getTime() ?? Infinity;
    this.#chatsWithMore.clear();
    const seen = new Set<number>();
    const ahead: OutboxRow[] = [];
    for (;;) {
      const due = outbox.due(today, DUE_BATCH, [...seen]);
      for (const row of due) {
        if (seen.has(row.chatId)) {
          this.#chatsWithMore.add(row.chatId);
          continue;
        }
        seen.add(row.chatId);
        ahead.push(row);
      }
      if (due.length < DUE_BATCH || ahead.length >= DUE_BATCH) break;
    }
    this.#ahead = ahead;
  }

  /** Sends a claimed row (already 'sending', its attempt counted). */
  private launch(row: OutboxRow): void {
    this.#busyChats.add(row.chatId);
    const task = this.deliver(row)
      .catch((error: unknown) => {
        // Only the bookkeeping can fail here (e.g. the database is locked): the row stays in
        // 'sending' and goes again after the next start, like a message in flight at a crash.
        this.#o.logger.error({ err: error, outbox_id: row.id }, 'could not record the outcome of a message');
      })
      .finally(() => {
        this.#busyChats.delete(row.chatId);
        this.#inFlight.delete(task);
        // The chat's next message is not read ahead yet.
        if (this.#chatsWithMore.has(row.chatId)) this.#stale = true;
        this.wakeLoop();
      });
    this.#inFlight.add(task);
  }

  private async deliver(row: OutboxRow): Promise<void> {
    if (row.kind === 'pin' || row.kind === 'unpin') return this.deliverPin(row);
    const { outbox } = this.#o;
    const parts = messageParts({ ...row, kind: row.kind });
    const index = Math.min(row.partsSent, parts.length - 1);
    let messageId: number;
    try {
      messageId = (await this.call(row, parts[index]!)).message_id;
    } catch (error) {
      this.refused(row, error);
      return;
    }
    // Outside the try: a failure to record a message that did go out must not mark it failed.
    if (index < parts.length - 1) {
      outbox.markPartSent(row.id, index + 1);
      this.#stale = true; // its next part is due at once, and not read ahead yet
    } else {
      outbox.markSent(row.id, messageId);
    }
    this.stats.sent++;
  }

  /**
   * Pins (quietly: the message itself has just notified the chat) or unpins the row's message. A pin
   * whose chat already shows a newer pin of the bot's is dropped: it would bury the newer one.
   */
  private async deliverPin(row: OutboxRow): Promise<void> {
    const { outbox, api } = this.#o;
    const messageId = row.targetMessageId!;
    if (row.kind === 'pin' && outbox.supersededPin(row)) {
      outbox.markSkipped(row.id, 'superseded: a newer message is pinned');
      return;
    }
    try {
      if (row.kind === 'pin') await api.pinChatMessage(row.chatId, messageId, { disable_notification: true });
      else await api.unpinChatMessage(row.chatId, messageId);
    } catch (error) {
      this.refused(row, error);
      return;
    }
    outbox.markSent(row.id, messageId);
    this.#stale = true; // a pin may have added unpins
    this.stats.sent++;
  }

  /** What a refused call means for its row. */
  private refused(row: OutboxRow, error: unknown): void {
    const { outbox, logger, clock } = this.#o;
    {
      const now = clock.now().getTime();
      if (error instanceof GrammyError) {
        const description = `${error.error_code}: ${error.description}`;
        const retryAfter = error.parameters.retry_after;
        const migrateTo = error.parameters.migrate_to_chat_id;
        if (error.error_code === 429) {
          this.stats.tooManyRequests++;
          this.#budget.tooManyRequests(row.chatId, retryAfter);
          this.retryAt(row, now + (retryAfter ?? 1) * 1000, description);
        } else if (error.error_code === 400 && migrateTo) {
          outbox.retarget(row.chatId, migrateTo);
          // Not a failure: it keeps its place in the queue, ahead of later messages to the group.
          this.retryAt(row, row.nextAttemptAt.getTime(), description);
          this.hook('migrated', () => this.#o.hooks.migrated(row.chatId, migrateTo));
        } else if (error.error_code === 403) {
          this.stats.unreachable++;
          outbox.markUnreachable(row.id, description);
          outbox.dropPendingFor(row.chatId, description);
          this.hook('unreachable', () => this.#o.hooks.unreachable(row.chatId, error.description));
        } else if (error.error_code >= 500) {
          this.retryLater(row, now, description);
        } else if (error.error_code === 400 && row.threadId !== null && TOPIC_REFUSED.test(error.description)) {
          // Not lost: it goes to General at once, keeping its place in the queue.
          outbox.moveToGeneral(row, `${description} (sent to General)`);
          this.#aheadUntil = Math.min(this.#aheadUntil, row.nextAttemptAt.getTime());
          this.#stale = true;
          logger.warn({ outbox_id: row.id, chat_id: row.chatId, thread_id: row.threadId, description }, 'forum topic refused: sending to General');
          this.hook('topicRefused', () => this.#o.hooks.topicRefused?.(row, description));
        } else {
          this.fail(row, description);
          if (row.kind === 'pin' && PIN_RIGHTS_REFUSED.test(error.description)) {
            this.hook('pinRefused', () => this.#o.hooks.pinRefused?.(row.chatId, description));
          }
          logger.warn({ outbox_id: row.id, chat_id: row.chatId, kind: row.kind, description }, 'message refused by Telegram');
        }
      } else if (error instanceof HttpError) {
        this.retryLater(row, now, `network: ${error.message}`);
      } else {
        this.fail(row, String(error));
        logger.error({ err: error, outbox_id: row.id }, 'message could not be sent');
      }
    }
  }

  private fail(row: OutboxRow, description: string): void {
    this.stats.failed++;
    this.#o.outbox.markFailed(row.id, description);
    this.hook('failed', () => this.#o.hooks.failed?.(row, description));
  }

  /** A hook's failure is logged, never allowed to stop delivery or leave a row in 'sending'. */
  private hook(name: keyof DeliveryHooks, call: () => void): void {
    try {
      call();
    } catch (error) {
      this.#o.logger.error({ err: error, hook: name }, 'delivery hook failed');
    }
  }

  /** Back to pending until `at`; the loop looks again by then. */
  private retryAt(row: OutboxRow, at: number, description: string): void {
    this.#o.outbox.retryAt(row.id, new Date(at), description);
    this.#aheadUntil = Math.min(this.#aheadUntil, at);
  }

  private retryLater(row: OutboxRow, now: number, description: string): void {
    const attempts = row.attempts;
    if (attempts >= this.#o.maxAttempts) {
      this.fail(row, description);
      return;
    }
    this.stats.retried++;
    const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (attempts - 1)) * (0.75 + Math.random() / 2);
    this.retryAt(row, now + backoff, description);
  }

  /** Sends one part of the row; the buttons and a late note go with the last part. */
  private call(row: OutboxRow, part: MessagePart) {
    const api = this.#o.api;
    const reply_markup = part.last ? ((row.replyMarkup as InlineKeyboardMarkup | null) ?? undefined) : undefined;
    const late = part.last && row.dueAt && row.lateNote && this.#o.clock.now().getTime() - row.dueAt.getTime() > LATE_AFTER_MS;
    const text = late ? `${part.text}${LATE_NOTE_SEPARATOR}${row.lateNote}` : part.text;
    const message_thread_id = row.threadId ?? undefined;
    switch (part.kind) {
      case 'document':
        return api.sendDocument(row.chatId, row.fileId!, { caption: text || undefined, parse_mode: 'HTML', reply_markup, message_thread_id });
      case 'photo':
        return api.sendPhoto(row.chatId, row.fileId!, { caption: text || undefined, parse_mode: 'HTML', reply_markup, message_thread_id });
      case 'text':
        return api.sendMessage(row.chatId, text, {
          parse_mode: 'HTML',
          reply_markup,
          link_preview_options: { is_disabled: true },
          message_thread_id,
        });
    }
  }

  private sleep(ms: number): Promise<void> {
    if (!this.#running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }
}
