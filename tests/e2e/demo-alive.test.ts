/**
 * The demo bloc is alive on the day it is made: an office admin who belongs to no branch (the
 * person who claimed the bot) builds it, then sends every command /trogiup lists for them, and
 * each answers with something real rather than "nothing", "no data" or "not in a branch". The
 * demo's members have no Telegram accounts: nothing reaches them, now or when reminders fall due.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Translator } from '../../src/bot/i18n.js';
import { Html, htmlToPlain } from '../../src/bot/render/html.js';
import { AdjustableClock } from '../../src/clock.js';
import { members, outbox } from '../../src/db/schema.js';
import { createDemoBloc, type DemoBlocSummary } from '../../src/demo/index.js';
import type { Actor } from '../../src/services/actor.js';
import type { Member } from '../../src/services/members.js';
import { group, myChatMember, privateChat, user } from '../fake-telegram/updates.js';
import type { RecordedCall } from '../fake-telegram/server.js';
import { SCRIPTED_MEMBERS, TestBot } from '../helpers/app.js';
import { freePort, WEBAPP_URL } from '../helpers/dashboard.js';

const vi = new Translator().for('vi');
/** The answers that mean "there is nothing to show" (their fixed first words). */
const NOTHING_KEYS = [
  'meetings-none',
  'meetings-range-none',
  'meeting-ics-none',
  'att-none',
  'notices-none',
  'search-none',
  'search-help',
  'search-empty',
  'ind-none',
  'branch-no-branch',
  'report-no-branch',
  'conversation-nothing-to-cancel',
  'not-allowed',
  'dashboard-not-configured',
];
const nothing = (key: string) => htmlToPlain(vi(key, { query: '', range: '', dates: '', scope: '' })).split(/[“({.]/)[0]!.trim();
const plain = (text: string) => htmlToPlain(new Html(text));

/** Every command a text mentions ("/chibo", "/suahop, /huyhop"). */
const commandsIn = (text: string) => [...new Set([...text.matchAll(/(?<![<\w])\/([a-z]+)/g)].map((m) => m[1]!))];

type NonChannelChat = Parameters<TestBot['say']>[1];

/**
 * Sends a text once the bot is idle, waits until it is idle again, and returns everything it sent
 * to that chat meanwhile (texts and captions, joined): an answer may take several messages.
 */
async function answerTo(t: TestBot, from: ReturnType<typeof user>, text: string, chat: NonChannelChat): Promise<{ text: string; calls: RecordedCall[] }> {
  await t.settle();
  const mark = t.fake.mark();
  t.fake.sendText(from, chat, text);
  await t.settle();
  const calls = t.fake.calls.slice(mark).filter((c) => c.response.ok && /^(send|edit)/.test(c.method) && Number(c.params.chat_id) === chat.id);
  return { text: calls.map((c) => String(c.params.text ?? c.params.caption ?? '')).join('\n'), calls };
}

describe('the demo bloc, for an office admin who belongs to no branch', () => {
  let t: TestBot;
  let admin: Member;
  let summary: DemoBlocSummary;
  const office = user(9801, { first_name: 'Lan' });
  const pm = privateChat(office);
  const grp = group(-98010, 'Nhóm thử của Văn phòng');
  // Wednesday 25/11/2026, 10h00 in Hà Nội.
  const clock = new AdjustableClock('2026-11-25T03:00:00Z');

  beforeAll(async () => {
    t = await TestBot.start({ adminIds: [office.id], clock, telegram: SCRIPTED_MEMBERS, env: { WEBAPP_URL, PORT: String(await freePort()) } });
    admin = t.services.members.findByTelegramId(office.id)!;
    expect(admin).toMatchObject({ branchId: null });
    const actor: Actor = { source: 'bot', memberId: admin.id, telegramUserId: office.id };
    summary = createDemoBloc(t.services, clock, actor);
    t.fake.knowChats(office);
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  const ask = (text: string, chat: NonChannelChat = pm) => answerTo(t, office, text, chat);

  /** Asserts an answer is something real: not empty and none of the "nothing" answers (but those in `allowed`). */
  function expectReal(answer: { text: string }, command: string, allowed: string[] = []): void {
    expect.soft(answer.text, `${command} answered nothing`).not.toBe('');
    for (const key of NOTHING_KEYS.filter((k) => !allowed.includes(k))) {
      expect.soft(plain(answer.text), `${command} answered ${key}`).not.toContain(nothing(key));
    }
  }

  const tested = new Set<string>();
  async function check(text: string, chat: NonChannelChat = pm, allowed: string[] = []) {
    tested.add(commandsIn(text)[0] ?? '');
    const answer = await ask(text, chat);
    expectReal(answer, text, allowed);
    return answer;
  }

  it('builds the bloc around the admin, who stays as they were', () => {
    expect(summary).toMatchObject({ branches: 21, members: 300, series: 18 });
    expect(summary.heldMeetings).toBeGreaterThan(18);
    expect(summary.attendanceTaken).toBeGreaterThan(0);
    expect(summary.notices).toBeGreaterThanOrEqual(4);
    expect(t.services.members.getById(admin.id)).toEqual(admin);
    expect(() => createDemoBloc(t.services, clock, { source: 'system' })).toThrow(/without branches; this one has 21/);
  });

  it('/trogiup lists the commands, and each of them answers with something real', async () => {
    const help = await check('/trogiup');
    const listed = commandsIn(help.text);
    expect.soft(listed).toEqual(expect.arrayContaining(['chibo', 'lichhop', 'chitieu', 'thongbao', 'tim', 'lichics', 'diemdanh', 'xuatchitieu']));

    await check('/chibo CB01');
    expect.soft((await check('/lichhop')).text).toContain('Hội nghị Ban Chấp hành Đảng bộ Khối tháng 11/2026');
    expect.soft((await check('/lichhop tuần này')).text).toContain('Hội nghị Ban Chấp hành Đảng bộ Khối tháng 11/2026');
    const chitieu = await check('/chitieu');
    expect.soft(chitieu.text).toContain('Kết nạp đảng viên mới');
    await check('/chitieu KN-DV');
    // Its first line says no notice was sent to the admin (see 'needs feature changes'); the list follows.
    const notices = await check('/thongbao', pm, ['notices-none']);
    expect.soft(notices.text).toContain('Kế hoạch tổ chức sinh hoạt chuyên đề quý IV/2026');
    const search = await check('/tim sinh hoat chuyen de');
    expect.soft(search.text).toContain('📅 Sinh hoạt chuyên đề quý IV/2026');
    expect.soft(search.text).toContain('Kế hoạch tổ chức sinh hoạt chuyên đề');
    const ics = await check('/lichics');
    expect.soft(ics.calls.some((c) => c.method === 'sendDocument')).toBe(true);
    expect.soft((await check('/nhacnho')).text).toContain('Nhắc lịch họp');
    await check('/ngonngu');
    await check('/moi DV0002');
    await check('/bangdieukhien');
    expect.soft((await check('/xuatchitieu')).calls.some((c) => c.method === 'sendDocument')).toBe(true);
    await check('/baocao CB01');
    await check('/huy');
    await check('/taolich');
    await check('/huy');
    await check('/guithongbao');
    await check('/huy');
    await check('/moi');
    await check('/huy');
    const briefing = t.services.meetings.upcomingFor(null).find((m) => m.kind === 'briefing')!;
    await check(`/suahop ${briefing.id}`);
    await check('/huy');
    await check(`/huyhop ${briefing.id}`);

    // In a group the bot was added to, the office links it to a branch.
    const mark = t.fake.mark();
    t.fake.pushUpdate(myChatMember(office, grp, 'left', 'member'));
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === grp.id, { after: mark });
    expect.soft((await check('/lienket CB01', grp)).text).toContain('Đã liên kết nhóm');

    await checkAttendance();
    await checkNoticeReport();
    tested.add('chibo'); // "/chibo" alone: see the block below, it needs a feature change
    tested.add('baocao');
    expect.soft(listed.filter((c) => !tested.has(c))).toEqual([]);
  }, 120_000);

  /** /diemdanh lists the meetings of the last two weeks; one opens its sheet with marks. */
  async function checkAttendance() {
    const list = await check('/diemdanh');
    const message = list.calls.at(-1)!.response.result as Message;
    const buttons = (message.reply_markup?.inline_keyboard ?? []).flat();
    expect(buttons.length).toBeGreaterThan(1);
    expect(buttons.some((b) => b.text.endsWith('✔'))).toBe(true);
    const mark = t.fake.mark();
    t.fake.pressButton(office, message, /✔$/);
    await t.settle();
    const sheet = t.fake.calls.slice(mark).find((c) => /^(send|edit)/.test(c.method) && String(c.params.text ?? '').includes('Điểm danh'))!;
    const marks = JSON.stringify(sheet.params.reply_markup);
    expect(marks).toContain('✅');
    expect(marks).toMatch(/🟡|🔴/);
  }

  /** A notice's report: acknowledgements per organisation and messages delivered. */
  async function checkNoticeReport() {
    const plan = t.services.notices.authoredBy(admin, 20).find((n) => n.title.startsWith('Kế hoạch tổ chức sinh hoạt chuyên đề'))!;
    const report = await check(`/thongbao ${plan.id}`);
    const acked = /Đã xác nhận: (\d+)\/(\d+)/.exec(report.text);
    expect(Number(acked?.[1])).toBeGreaterThan(0);
    expect(Number(acked?.[1])).toBeLessThan(Number(acked?.[2]));
    expect(Number(/Đã gửi (\d+) tin/.exec(report.text)?.[1])).toBeGreaterThan(200);
  }

  it('a plain "lịch họp tuần này" finds this week\'s bloc conference', async () => {
    const answer = await ask('lịch họp tuần này');
    expectReal(answer, 'lịch họp tuần này');
    expect(answer.text).toContain('Lịch họp tuần này (23/11–29/11/2026)');
    expect(answer.text).toContain('Hội nghị Ban Chấp hành Đảng bộ Khối tháng 11/2026');
  });

  it('nothing is sent to the demo members, now or when reminders fall due', async () => {
    await t.settle();
    const demoMembers = t.app.db.select({ id: members.id }).from(members).where(isNotNull(members.code)).all().map((m) => m.id);
    expect(demoMembers).toHaveLength(300);
    // A week of reminders and nudges, planned as the scheduler would.
    for (let day = 0; day < 7; day++) {
      clock.advance(86_400_000);
      t.services.meetingNotifier.plan();
      t.services.meetingNotifier.nudgeNextMonth();
      t.services.notices.nudge(24 * 3_600_000);
    }
    const queued = t.app.db
      .select()
      .from(outbox)
      .where(and(inArray(outbox.memberId, demoMembers), inArray(outbox.status, ['pending', 'sending'])))
      .all();
    expect(queued).toEqual([]);
    const recipients = new Set(t.fake.calls.filter((c) => /^send/.test(c.method)).map((c) => Number(c.params.chat_id)));
    expect([...recipients].filter((id) => id !== office.id && id !== grp.id)).toEqual([]);
    // The office admin is real: the bloc's conference reaches them.
    expect(t.app.db.select().from(outbox).where(eq(outbox.chatId, office.id)).all().length).toBeGreaterThan(0);
  });
});

describe('needs feature changes', () => {
  let t: TestBot;
  const office = user(9802);
  const clock = new AdjustableClock('2026-11-25T03:00:00Z');

  beforeAll(async () => {
    t = await TestBot.start({ adminIds: [office.id], clock, telegram: SCRIPTED_MEMBERS });
    const admin = t.services.members.findByTelegramId(office.id)!;
    createDemoBloc(t.services, clock, { source: 'bot', memberId: admin.id, telegramUserId: office.id });
    t.fake.knowChats(office);
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  // i14-claim: /chibo for an admin without a branch answers "chưa thuộc tổ chức đảng nào" today.
  it('/chibo alone gives the branchless office admin the bloc, not "not in a branch"', async () => {
    const answer = (await answerTo(t, office, '/chibo', privateChat(office))).text;
    expect(plain(answer)).not.toContain(nothing('branch-no-branch'));
  });

  // /baocao without a code: the branchless office is pointed to /baocao <code> (report-no-branch).
  it('/baocao alone offers the office a way to report for an organisation', async () => {
    const answer = (await answerTo(t, office, '/baocao', privateChat(office))).text;
    expect(plain(answer)).not.toContain(nothing('report-no-branch'));
  });

  // /thongbao for the office lists every notice sent in the bloc, under "Chưa có thông báo nào gửi tới đồng chí".
  it('/thongbao gives the branchless office admin the notices without saying there are none', async () => {
    const answer = (await answerTo(t, office, '/thongbao', privateChat(office))).text;
    expect(plain(answer)).toContain('Kế hoạch tổ chức sinh hoạt chuyên đề');
    expect(plain(answer)).not.toContain(nothing('notices-none'));
  });
});
