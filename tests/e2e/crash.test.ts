/**
 * kill -9 during a broadcast to 2,000 recipients, then start again: every recipient gets the
 * notice, none is lost, and duplicates are at most the messages in flight at the kill.
 *
 * The real process (`node dist/src/main.js`, as `npm start` runs it) against FakeTelegram, on a database prepared through the
 * services exactly as the bot would have left it after an author confirmed a bloc-wide notice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Translator } from '../../src/bot/i18n.js';
import { NoticeRenderer } from '../../src/bot/render/notice.js';
import { systemClock } from '../../src/clock.js';
import { closeDatabase, openDatabase } from '../../src/db/connection.js';
import { SYSTEM } from '../../src/services/actor.js';
import { createServices } from '../../src/services/index.js';
import { FakeTelegram, type RecordedCall } from '../fake-telegram/server.js';
import { tempDir } from '../helpers/db.js';
import { MAIN } from '../helpers/process.js';

const RECIPIENTS = 2_000;
const FIRST_CHAT = 1_000_001;
const ADMIN_CHAT = 777_000;
const CONCURRENCY = 25; // the Sender's default
const BODY = 'Kính gửi các đồng chí: họp chi bộ thường kỳ lúc <b>14h00</b> thứ Sáu.';

interface Prepared {
  noticeId: number;
}

/** 2,000 linked members in one branch, an office admin, and a confirmed notice: 2,000 pending rows. */
function prepare(path: string): Prepared {
  const db = openDatabase(path);
  try {
    const services = createServices(db, systemClock, { noticeMessages: new NoticeRenderer(new Translator()) });
    const admin = services.members.addAdmin(ADMIN_CHAT, 'Văn phòng Đảng ủy Khối', SYSTEM);
    const branch = services.branches.upsert({ code: 'CB01', name: 'Chi bộ Cơ quan Khối', kind: 'cell' }, SYSTEM).branch;
    db.transaction(() => {
      for (let i = 0; i < RECIPIENTS; i++) {
        services.members.create(
          { code: `DV${String(i).padStart(4, '0')}`, fullName: `Đảng viên ${i}`, branchId: branch.id, roles: ['member'], telegramUserId: FIRST_CHAT + i },
          SYSTEM,
        );
      }
    });
    const draft = services.notices.createDraft(
      admin,
      {
        kind: 'text',
        body: BODY,
        title: 'Họp chi bộ thường kỳ',
        requireAck: false,
        audience: { scope: { type: 'bloc' }, people: 'all', channel: 'private' },
        scheduledAt: null,
      },
      SYSTEM,
    );
    const confirmed = services.notices.confirm(draft.id, admin, SYSTEM);
    if (!confirmed.ok || !confirmed.released) throw new Error(`notice not released: ${JSON.stringify(confirmed)}`);
    expect(services.notices.progress(draft.id)).toMatchObject({ pending: RECIPIENTS, total: RECIPIENTS });
    return { noticeId: draft.id };
  } finally {
    closeDatabase(db);
  }
}

/** The bot gets a process group of its own, and the crash is a SIGKILL to the whole group, as `kill -9` of the service would be. */
function startBot(fake: FakeTelegram, databasePath: string) {
  const child: ChildProcess = spawn(process.execPath, [MAIN], {
    cwd: process.cwd(),
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_PATH: databasePath,
      DELIVERY_RATE: '300',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );
  /** For waits on this bot: stop waiting at once if it died on its own. */
  const check = (what: string, probe: () => boolean) => () => {
    if (probe()) return true;
    if (!running) throw new Error(`the bot exited before ${what}:\n${output}`);
    return false;
  };
  const group = child.pid!;
  const alive = () => {
    try {
      process.kill(-group, 0);
      return true;
    } catch {
      return false;
    }
  };
  /** kill -9 of every process of this bot; resolves when none is left. */
  const crash = async () => {
    if (alive()) process.kill(-group, 'SIGKILL');
    await until('the bot is gone', () => !alive(), 5_000, () => output);
  };
  return { child, exited, output: () => output, crash, alive, check };
}

const isRecipient = (chatId: number) => chatId >= FIRST_CHAT && chatId < FIRST_CHAT + RECIPIENTS;

/** Successful sendMessage calls to recipients, as chat ids (one per message delivered). */
function delivered(fake: FakeTelegram): number[] {
  return fake
    .callsTo('sendMessage')
    .filter((c: RecordedCall) => c.response.ok && isRecipient(Number(c.params.chat_id)))
    .map((c) => Number(c.params.chat_id));
}

async function until(what: string, probe: () => boolean, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}\n${output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function outboxByStatus(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`select status, count(*) as n from outbox where source = 'notice' group by status`).all() as {
      status: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    db.close();
  }
}

describe('a crash in the middle of a broadcast', () => {
  it('kill -9 at some hundreds sent, start again: all 2,000 get it, duplicates ≤ the messages in flight', async () => {
    const databasePath = join(tempDir('bloc-crash-'), 'bot.sqlite');
    const { noticeId } = prepare(databasePath);
    // The bot sends at DELIVERY_RATE=300, as to a local Bot API server: this test is about a crash,
    // so the fake's flood limits are off.
    const fake = await FakeTelegram.start({ rateLimits: false });
    fake.knowChats(ADMIN_CHAT, ...Array.from({ length: RECIPIENTS }, (_, i) => FIRST_CHAT + i)); // linked members who started the bot
    fake.setLatency(40);
    const first = startBot(fake, databasePath);
    let second: ReturnType<typeof startBot> | undefined;
    try {
      // ---- the first run, killed without warning
      const someHundreds = first.check('some hundreds were sent', () => delivered(fake).length >= 400);
      await until('some hundreds are sent', someHundreds, 30_000, first.output);
      await first.crash();
      expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
      await fake.waitUntilIdle(); // requests that reached the fake get their answer recorded

      const afterKill = outboxByStatus(databasePath);
      const deliveredAtKill = delivered(fake);
      expect(new Set(deliveredAtKill).size).toBe(deliveredAtKill.length); // no duplicate before the crash
      const sentAtKill = afterKill.sent ?? 0;
      const sendingAtKill = afterKill.sending ?? 0;
      // Messages Telegram took but the bot never recorded as sent: the ones in flight at the kill.
      const inFlight = deliveredAtKill.length - sentAtKill;
      console.log(
        `at the kill: ${deliveredAtKill.length} delivered, ${sentAtKill} recorded sent, ${sendingAtKill} in 'sending', ` +
          `${afterKill.pending ?? 0} pending → ${inFlight} in flight`,
      );
      expect(deliveredAtKill.length).toBeGreaterThanOrEqual(400);
      expect(deliveredAtKill.length).toBeLessThan(RECIPIENTS);
      expect(inFlight).toBeGreaterThanOrEqual(0);
      expect(inFlight).toBeLessThanOrEqual(sendingAtKill);
      expect(sendingAtKill).toBeLessThanOrEqual(CONCURRENCY);
      expect((afterKill.pending ?? 0) + sendingAtKill + sentAtKill).toBe(RECIPIENTS);

      // ---- the second run finishes the job
      second = startBot(fake, databasePath);
      const s = second;
      const everyone = s.check('every recipient had the notice', () => new Set(delivered(fake)).size === RECIPIENTS);
      await until('every recipient has the notice', everyone, 40_000, s.output);
      // The author's delivery report goes out once every row has settled.
      // (The author's progress message goes to the same chat: wait for the report itself.)
      await fake.waitFor('sendMessage', (p) => Number(p.chat_id) === ADMIN_CHAT && String(p.text).includes('Kết quả gửi thông báo'), {
        timeoutMs: 10_000,
      });
      second.child.kill('SIGTERM'); // the bot stops cleanly
      expect((await second.exited).code).toBe(0);
      await until('the bot process has exited', () => !s.alive(), 5_000, s.output);

      const perChat = new Map<number, number>();
      for (const chatId of delivered(fake)) perChat.set(chatId, (perChat.get(chatId) ?? 0) + 1);
      const missing = Array.from({ length: RECIPIENTS }, (_, i) => FIRST_CHAT + i).filter((id) => !perChat.has(id));
      const twice = [...perChat.values()].filter((n) => n === 2).length;
      const more = [...perChat.values()].filter((n) => n > 2).length;
      console.log(`after the restart: ${perChat.size} chats reached, ${twice} twice, ${more} more than twice`);
      expect(missing).toEqual([]);
      expect(more).toBe(0);
      expect(twice).toBeLessThanOrEqual(inFlight);
      expect(twice).toBeLessThanOrEqual(CONCURRENCY);
      // The duplicates are exactly the messages in flight at the kill: nothing else was sent twice.
      expect(twice).toBe(inFlight);
      expect(fake.lastText(FIRST_CHAT + RECIPIENTS - 1)).toContain('họp chi bộ thường kỳ lúc <b>14h00</b>');

      expect(outboxByStatus(databasePath)).toEqual({ sent: RECIPIENTS });
      const db = new Database(databasePath, { readonly: true });
      try {
        const notice = db.prepare('select status from notices where id = ?').get(noticeId) as { status: string };
        expect(notice.status).toBe('sent');
        const report = db.prepare(`select status from outbox where source = 'notice-report'`).all();
        expect(report).toEqual([{ status: 'sent' }]);
      } finally {
        db.close();
      }
    } finally {
      await first.crash();
      await second?.crash();
      await fake.close();
    }
  }, 90_000);
});
