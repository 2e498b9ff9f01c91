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
import { WEBAPP_URL } from '../helpers/dashboard.js';

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
    t = await TestBot.start({ adminIds: [office.id], clock, telegram: SCRIPTED_MEMBERS, http: true, env: { WEBAPP_URL } });
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
    const notices = await check('/thongbao');
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
    expect.soft((await check('/chibo')).text).toContain('Tổ chức đảng: 21');
    await check('/baocao');
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

describe('/baocao for the office, which belongs to no organisation', () => {
  let t: TestBot;
  const office = user(9802);
  const secretary = user(9803);
  const clock = new AdjustableClock('2026-11-25T03:00:00Z');

  beforeAll(async () => {
    t = await TestBot.start({ adminIds: [office.id], clock, telegram: SCRIPTED_MEMBERS });
    const admin = t.services.members.findByTelegramId(office.id)!;
    createDemoBloc(t.services, clock, { source: 'bot', memberId: admin.id, telegramUserId: office.id });
    // A secretary of one cell, linked to Telegram, to forge the office's button.
    const cell = t.services.branches.resolve('CB01');
    if (!('branch' in cell)) throw new Error('CB01 missing');
    const sec = t.services.members.listByBranch(cell.branch.id).find((m) => m.roles.includes('secretary'))!;
    t.services.members.linkTelegram(sec.id, { id: secretary.id, firstName: 'Bí thư' }, { source: 'system' });
    // New cells that have reported nothing yet: more owing organisations than one page shows.
    for (let i = 1; i <= 8; i++) t.services.branches.upsert({ code: `CBM${i}`, name: `Chi bộ Mới ${i}`, kind: 'cell' }, { source: 'system' });
    t.fake.knowChats(office, secretary);
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
  });

  it('lists the organisations still owing figures, a button each and pages, and a press starts that report', async () => {
    const owing = t.services.indicators.incompleteBranches();
    expect(owing.length).toBeGreaterThan(10);
    expect(owing.length).toBeLessThan(t.services.indicators.reportingBranches().length);
    await t.settle(); // the office's 07:00 digest, due at start, out of the way
    const call = await t.sayCall(office, privateChat(office), '/baocao');
    const text = plain(String(call.params.text));
    expect(text).toContain(`Còn ${owing.length}/${t.services.indicators.reportingBranches().length} tổ chức chưa báo cáo đủ`);
    expect(text).not.toContain(nothing('report-no-branch'));
    const rows = (call.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    const picks = rows.flat().filter((b) => b.callback_data.startsWith('rb:'));
    expect(picks.map((b) => b.text)).toEqual(owing.slice(0, 10).map((b) => b.name));
    const next = rows.flat().find((b) => b.callback_data === 'rbp:1')!;
    expect(next).toBeDefined();

    const message = call.response.result as Message;
    let mark = t.fake.mark();
    await t.press(office, message, next.callback_data);
    const edit = await t.fake.waitFor('editMessageText', undefined, { after: mark });
    const page2 = (edit.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(page2.filter((b) => b.callback_data.startsWith('rb:')).map((b) => b.text)).toEqual(owing.slice(10, 20).map((b) => b.name));

    // The message now shows page 2: its first organisation is the one reported for.
    mark = t.fake.mark();
    await t.press(office, message, page2.find((b) => b.callback_data.startsWith('rb:'))!.callback_data);
    const question = await t.fake.waitFor('sendMessage', (p) => Number(p.chat_id) === office.id, { after: mark });
    expect(plain(String(question.params.text))).toContain(owing[10]!.name);
    await t.say(office, privateChat(office), '/huy');
  });

  it('refuses the button to anyone but the office, changing nothing', async () => {
    const call = await t.sayCall(office, privateChat(office), '/baocao');
    const target = t.services.indicators.incompleteBranches()[0]!;
    const mark = t.fake.mark();
    const answer = await t.press(secretary, call.response.result as Message, `rb:${target.id}`, true);
    expect(answer.params.show_alert).toBe(true);
    await t.settle();
    // No report question to anyone (the secretary's private command menu may be set, nothing else).
    expect(t.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage').map((c) => c.params.text)).toEqual([]);
  });
});
