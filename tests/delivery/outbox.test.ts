/**
 * The durable outbox on its own, on a manual clock: what a message becomes when enqueued, which rows
 * fall due and in what order, and every move of a row's status. (tests/delivery/sender.test.ts
 * drives it through the Sender against the fake Bot API.)
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/clock.js';
import { PRIORITY } from '../../src/db/schema.js';
import { KNOWN_UNREACHABLE, Outbox, type OutboxItem } from '../../src/delivery/outbox.js';
import { testDb } from '../helpers/db.js';

const NOW = new Date('2026-11-23T07:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('Outbox', () => {
  let outbox: Outbox;
  let clock: ManualClock;
  let unreachable: Map<number, Date>;
  let asked: number[][];

  beforeEach(() => {
    const t = testDb(NOW.toISOString());
    clock = t.clock;
    unreachable = new Map();
    asked = [];
    outbox = new Outbox(t.db, clock, (chatIds) => {
      asked.push([...chatIds]);
      return new Map([...unreachable].filter(([id]) => chatIds.includes(id)));
    });
  });

  const item = (key: string, chatId: number, extra: Partial<OutboxItem> = {}): OutboxItem => ({ dedupeKey: key, chatId, text: key, ...extra });
  const row = (key: string) => {
    const r = outbox.get(key);
    if (!r) throw new Error(`no row ${key}`);
    return r;
  };
  const dueKeys = (at = NOW, limit = 100, except: number[] = []) => outbox.due(at, limit, except).map((r) => r.dedupeKey);

  describe('enqueue', () => {
    it('fills in the defaults: a text, due now, at notice priority, pending, never tried', () => {
      expect(outbox.enqueue([item('a', 1)])).toBe(1);
      expect(row('a')).toMatchObject({
        chatId: 1,
        memberId: null,
        kind: 'text',
        text: 'a',
        fileId: null,
        replyMarkup: null,
        priority: PRIORITY.notice,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: NOW,
        dueAt: null,
        lateNote: null,
        expiresAt: null,
        source: null,
        sourceId: null,
        lastError: null,
        partsSent: 0,
        createdAt: NOW,
      });
    });

    it('keeps everything it is given', () => {
      const markup = { inline_keyboard: [[{ text: 'ok', callback_data: 'ok' }]] };
      outbox.enqueue([
        item('b', 2, {
          memberId: null,
          kind: 'document',
          fileId: 'FILE',
          replyMarkup: markup,
          priority: PRIORITY.urgent,
          notBefore: later(5_000),
          dueAt: later(5_000),
          lateNote: 'late',
          expiresAt: later(60_000),
          source: 'notice',
          sourceId: 7,
        }),
      ]);
      expect(row('b')).toMatchObject({
        kind: 'document',
        fileId: 'FILE',
        replyMarkup: markup,
        priority: PRIORITY.urgent,
        nextAttemptAt: later(5_000),
        dueAt: later(5_000),
        lateNote: 'late',
        expiresAt: later(60_000),
        source: 'notice',
        sourceId: 7,
      });
    });

    it('a key already there is ignored, and counted as nothing new', () => {
      expect(outbox.enqueue([item('k', 1)])).toBe(1);
      expect(outbox.enqueue([item('k', 1, { text: 'other' }), item('l', 2)])).toBe(1);
      expect(row('k').text).toBe('k');
      expect(outbox.enqueue([])).toBe(0);
    });

    it('tells its listeners only when something was added, until they unsubscribe', () => {
      let heard = 0;
      const stop = outbox.onEnqueue(() => heard++);
      outbox.enqueue([item('x', 1)]);
      expect(heard).toBe(1);
      outbox.enqueue([item('x', 1)]);
      outbox.enqueue([]);
      expect(heard).toBe(1);
      stop();
      outbox.enqueue([item('y', 1)]);
      expect(heard).toBe(1);
    });

    it('a chat known to be unreachable gets a settled row, never tried, with since when', () => {
      const since = new Date('2026-11-01T00:00:00Z');
      unreachable.set(-5, since);
      outbox.enqueue([item('gone', -5), item('fine', 6)]);
      expect(row('gone')).toMatchObject({ status: 'unreachable', attempts: 0, lastError: `${KNOWN_UNREACHABLE} since ${since.toISOString()}` });
      expect(row('fine')).toMatchObject({ status: 'pending', lastError: null });
      expect(dueKeys()).toEqual(['fine']);
    });

    it('looks chats up once each, two hundred rows at a time, and adds every row', () => {
      const items = Array.from({ length: 450 }, (_, i) => item(`n${i}`, 1_000 + (i % 300)));
      expect(outbox.enqueue(items)).toBe(450);
      expect(asked.map((ids) => ids.length)).toEqual([200, 200, 50]);
      expect(asked[0]).toEqual(Array.from({ length: 200 }, (_, i) => 1_000 + i));
      expect(asked[2]).toEqual(Array.from({ length: 50 }, (_, i) => 1_000 + ((400 + i) % 300)));
      expect(outbox.due(NOW, 1_000)).toHaveLength(450);
    });
  });

  describe('due and nextDueAt', () => {
    it('pending rows due by now, most urgent first, then the earliest, then the first enqueued; at most `limit`', () => {
      outbox.enqueue([
        item('bulk', 1, { priority: PRIORITY.bulk }),
        item('notice-late', 2, { notBefore: later(-1_000) }),
        item('notice', 3),
        item('urgent', 4, { priority: PRIORITY.urgent }),
        item('future', 5, { notBefore: later(1) }),
        item('notice-2', 6),
      ]);
      expect(dueKeys()).toEqual(['urgent', 'notice-late', 'notice', 'notice-2', 'bulk']);
      expect(dueKeys(NOW, 2)).toEqual(['urgent', 'notice-late']);
      expect(dueKeys(later(1))).toContain('future');
      outbox.markSent(row('urgent').id, 1);
      expect(dueKeys()).not.toContain('urgent');
    });

    it('leaves out the chats it is told to, and no others', () => {
      outbox.enqueue([item('a', 1), item('b', 2), item('c', 3)]);
      expect(dueKeys(NOW, 10, [1, 3])).toEqual(['b']);
      expect(dueKeys(NOW, 10, [])).toEqual(['a', 'b', 'c']);
    });

    it('while a long message of a chat is half sent, nothing else to that chat is due', () => {
      outbox.enqueue([item('long', 1, { priority: PRIORITY.bulk }), item('other', 1), item('elsewhere', 2)]);
      outbox.markPartSent(row('long').id, 1);
      outbox.retryAt(row('long').id, later(10_000), 'wait');
      expect(dueKeys()).toEqual(['elsewhere']);
      expect(dueKeys(later(10_000))).toEqual(['long', 'elsewhere']);
    });

    it('nextDueAt: the earliest pending instant, or the earliest after a given one, or null', () => {
      expect(outbox.nextDueAt()).toBeNull();
      outbox.enqueue([item('a', 1, { notBefore: later(3_000) }), item('b', 2, { notBefore: later(1_000) }), item('c', 3, { notBefore: later(500) })]);
      outbox.markSent(row('c').id, 1);
      expect(outbox.nextDueAt()).toEqual(later(1_000));
      expect(outbox.nextDueAt(later(1_000))).toEqual(later(3_000));
      expect(outbox.nextDueAt(later(3_000))).toBeNull();
    });
  });

  describe('a row\'s life', () => {
    beforeEach(() => {
      outbox.enqueue([item('m', 10, { priority: PRIORITY.bulk, expiresAt: later(60_000) })]);
    });

    it('claim takes a pending row once, counting the attempt', () => {
      const id = row('m').id;
      expect(outbox.claim(id)).toMatchObject({ status: 'sending', attempts: 1 });
      expect(outbox.claim(id)).toBeNull();
      expect(outbox.claim(9_999)).toBeNull();
    });

    it('markSent records the message id and when', () => {
      const id = row('m').id;
      outbox.claim(id);
      outbox.retryAt(id, NOW, 'a first failure');
      outbox.claim(id);
      clock.advance(1_234);
      outbox.markSent(id, 77);
      expect(row('m')).toMatchObject({ status: 'sent', telegramMessageId: 77, sentAt: later(1_234), lastError: null, attempts: 2 });
    });

    it('markPartSent: pending again, urgent, attempts from zero, no expiry, parts counted', () => {
      const id = row('m').id;
      outbox.claim(id);
      outbox.markPartSent(id, 2);
      expect(row('m')).toMatchObject({ status: 'pending', partsSent: 2, priority: PRIORITY.urgent, attempts: 0, lastError: null, expiresAt: null });
    });

    it('retryAt, markExpired, markFailed, markUnreachable', () => {
      const id = row('m').id;
      outbox.claim(id);
      outbox.retryAt(id, later(9_000), '502: Bad Gateway');
      expect(row('m')).toMatchObject({ status: 'pending', nextAttemptAt: later(9_000), lastError: '502: Bad Gateway' });
      outbox.markExpired(id);
      expect(row('m')).toMatchObject({ status: 'cancelled', lastError: 'expired' });
      outbox.markFailed(id, '400: Bad Request');
      expect(row('m')).toMatchObject({ status: 'failed', lastError: '400: Bad Request' });
      outbox.markUnreachable(id, '403: Forbidden');
      expect(row('m')).toMatchObject({ status: 'unreachable', lastError: '403: Forbidden' });
    });
  });

  describe('whole chats and sources', () => {
    beforeEach(() => {
      outbox.enqueue([
        item('p1', -7, { source: 'notice', sourceId: 1 }),
        item('p2', -7, { source: 'notice', sourceId: 1 }),
        item('s', -7, { source: 'notice', sourceId: 1 }),
        item('done', -7, { source: 'notice', sourceId: 1 }),
        item('else', 8, { source: 'notice', sourceId: 2 }),
        item('meeting', 9, { source: 'meeting', sourceId: 1 }),
      ]);
      outbox.claim(row('s').id);
      outbox.claim(row('done').id);
      outbox.markSent(row('done').id, 5);
    });

    it('retarget moves what is pending or sending to the new chat, not what was sent', () => {
      outbox.retarget(-7, -100_7);
      expect(['p1', 'p2', 's', 'done'].map((k) => row(k).chatId)).toEqual([-100_7, -100_7, -100_7, -7]);
      expect(row('else').chatId).toBe(8);
    });

    it('dropPendingFor settles only that chat\'s pending rows as unreachable, and counts them', () => {
      expect(outbox.dropPendingFor(-7, '403: Forbidden')).toBe(2);
      expect(['p1', 'p2', 's', 'done'].map((k) => row(k).status)).toEqual(['unreachable', 'unreachable', 'sending', 'sent']);
      expect(row('p1').lastError).toBe('403: Forbidden');
      expect(row('else').status).toBe('pending');
    });

    it('recoverInFlight puts rows left sending back to pending, and counts them', () => {
      expect(outbox.recoverInFlight()).toBe(1);
      expect(row('s').status).toBe('pending');
      expect(outbox.recoverInFlight()).toBe(0);
    });

    it('cancelPending cancels that source\'s pending rows only', () => {
      expect(outbox.cancelPending('notice', 1)).toBe(2);
      expect(['p1', 'p2', 's', 'done'].map((k) => row(k).status)).toEqual(['cancelled', 'cancelled', 'sending', 'sent']);
      expect(row('else').status).toBe('pending');
      expect(row('meeting').status).toBe('pending');
    });

    it('counts and isSettled follow the rows of one source', () => {
      expect(outbox.counts('notice', 1)).toEqual({ pending: 2, sending: 1, sent: 1, failed: 0, unreachable: 0, cancelled: 0, total: 4 });
      expect(outbox.isSettled('notice', 1)).toBe(false);
      outbox.cancelPending('notice', 1);
      expect(outbox.isSettled('notice', 1)).toBe(false);
      outbox.markFailed(row('s').id, 'x');
      expect(outbox.isSettled('notice', 1)).toBe(true);
      expect(outbox.counts('notice', 3)).toEqual({ pending: 0, sending: 0, sent: 0, failed: 0, unreachable: 0, cancelled: 0, total: 0 });
      expect(outbox.isSettled('notice', 3)).toBe(true);
    });

    it('rowsOf: the settled rows of a source by default, in order, or those of the statuses asked for', () => {
      outbox.markFailed(row('p2').id, 'x');
      expect(outbox.rowsOf('notice', 1).map((r) => r.dedupeKey)).toEqual(['p2', 'done']);
      expect(outbox.rowsOf('notice', 1, ['pending', 'sending']).map((r) => r.dedupeKey)).toEqual(['p1', 's']);
      outbox.cancelPending('notice', 1);
      expect(outbox.rowsOf('notice', 1).map((r) => r.dedupeKey)).toEqual(['p1', 'p2', 'done']);
    });

    it('get: by dedupe key, or null', () => {
      expect(outbox.get('nothing')).toBeNull();
      expect(outbox.get('else')?.chatId).toBe(8);
    });
  });
});
