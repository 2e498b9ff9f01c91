/**
 * /lichics end to end, through the real bot against the fake Bot API: the .ics file (after an
 * "upload_document" chat action), what it holds for a member and for the office, and the personal
 * subscription address: made with the button, served by the app's own HTTP server, never shown
 * again, revoked with `/lichics huy` or the button (the old address answers 404 at once), and what
 * members and the office are told when no public address is configured.
 */
import type { Message, User } from 'grammy/types';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { MeetingKind } from '../../src/db/schema.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Meeting } from '../../src/services/meetings.js';
import type { RecordedCall } from '../fake-telegram/server.js';
import { group, privateChat, user } from '../fake-telegram/updates.js';
import { SCRIPTED_MEMBERS, TestBot } from '../helpers/app.js';
import { confirmMeeting, seedSmallBloc } from '../helpers/db.js';

const PUBLIC_URL = 'https://lich.example.org/';
/** A local wall time in Hà Nội (UTC+7). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);
const buttonsOf = (markup: unknown) =>
  ((markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat();
const summaries = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics))
    .getAllSubcomponents('vevent')
    .map((v) => new ICAL.Event(v).summary)
    .sort();

describe('/lichics and calendar subscriptions (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const office = user(9400, { first_name: 'Văn phòng' }); // ADMIN_IDS: office, no branch
  const cellMember = user(9406, { first_name: 'Em' }); // CB02 member
  const subMember = user(9404, { first_name: 'Dung' }); // DB01-01 member
  const cellGroup = group(-9430, 'Nhóm CB02');

  async function start(publicUrl: boolean): Promise<void> {
    t = await TestBot.start({ adminIds: [office.id], telegram: SCRIPTED_MEMBERS, http: true, env: publicUrl ? { PUBLIC_URL } : {} });
    bloc = seedSmallBloc(t.services);
    t.linkMembers([bloc.cellMember, cellMember], [bloc.subMember, subMember]);
    t.linkGroup(cellGroup, bloc.cell.id);
    t.fake.knowChats(office);
  }
  afterEach(async () => {
    await t.stop();
  });

  function schedule(startsAt: Date, o: { branchId?: number | null; title: string; kind?: MeetingKind }): Meeting {
    const by = bloc.cellSecretary.id;
    return confirmMeeting(t.services, {
        branchId: o.branchId === undefined ? bloc.cell.id : o.branchId,
        kind: o.kind ?? 'regular',
        title: o.title,
        startsAt,
        location: 'Hội trường A&B',
        agenda: 'Kiểm điểm công tác tháng 11',
      }, by);
  }

  /** One meeting at every level of the small bloc, and a cancelled one. */
  function scheduleAround() {
    const committee = schedule(at('2026-11-30 08:00'), { branchId: bloc.committee.id, title: 'Họp Đảng ủy Sở' });
    const sub = schedule(at('2026-12-01 14:00'), { branchId: bloc.subcell.id, title: 'Sinh hoạt chi bộ Ngân sách' });
    const cell = schedule(at('2026-12-03 14:30'), { title: 'Sinh hoạt chi bộ A&B tháng 12' });
    const blocWide = schedule(at('2026-12-10 08:00'), { branchId: null, kind: 'briefing', title: 'Quán triệt nghị quyết' });
    const cancelled = schedule(at('2026-12-02 14:00'), { title: 'Đã hủy' });
    t.services.meetings.cancel(cancelled.id, SYSTEM);
    return { committee, sub, cell, blocWide };
  }

  /** Sends /lichics (with `args`) privately and waits for the document; returns the call and the file's text. */
  async function icsFile(from: User, args = ''): Promise<{ call: RecordedCall; ics: string; mark: number }> {
    const mark = t.fake.mark();
    const call = await t.sayCall(from, privateChat(from), `/lichics${args}`, 'sendDocument');
    const upload = t.fake.uploadedFiles('sendDocument').at(-1)!;
    expect(upload.file.filename).toBe('lich-hop.ics');
    return { call, ics: upload.data.toString('utf8'), mark };
  }

  /** Waits for the bot's next message to `chatId` containing `expected` (after `mark`). */
  async function next(chatId: number, expected: string, mark: number): Promise<RecordedCall> {
    return t.fake.waitFor('sendMessage', (p) => p.chat_id === chatId && String(p.text).includes(expected), { after: mark });
  }

  /** Presses the button labelled `label` on `message` as `from`; waits for the message containing `expected`. */
  async function press(from: User, message: Message, label: RegExp, expected: string): Promise<RecordedCall> {
    const mark = t.fake.mark();
    t.fake.pressButton(from, message, label);
    return next(from.id, expected, mark);
  }

  const feed = (url: string, init?: RequestInit) => fetch(url.replace(PUBLIC_URL, `${t.origin}/`), init);
  const addressIn = (text: string) => /<code>(https:\/\/[^<]+)<\/code>/.exec(text)![1]!;

  it('a member: an "upload_document" chat action, then the file with their branch, the branches above it and the bloc, and the subscription button', async () => {
    await start(true);
    const m = scheduleAround();
    const { call, ics, mark } = await icsFile(subMember);
    // The chat action came first, to the same chat.
    const calls = t.fake.calls.slice(mark);
    const action = calls.findIndex((c) => c.method === 'sendChatAction' && c.params.chat_id === subMember.id);
    expect(action).toBeGreaterThanOrEqual(0);
    expect(calls[action]!.params.action).toBe('upload_document');
    expect(calls[action]!.response.ok).toBe(true);
    expect(action).toBeLessThan(calls.findIndex((c) => c.method === 'sendDocument'));
    expect(summaries(ics)).toEqual([m.committee.title, m.sub.title, m.blocWide.title].sort());
    expect(String(call.params.caption)).toContain('Lịch họp sắp tới (3 cuộc họp)');
    expect(buttonsOf(call.params.reply_markup)).toEqual([{ text: '📅 Đăng ký lịch trên điện thoại', callback_data: 'cal' }]);
  });

  it('a refused chat action is ignored: the file still comes', async () => {
    await start(true);
    scheduleAround();
    t.fake.failNext('sendChatAction', { error_code: 400, description: 'Bad Request: chat not found' });
    const { ics } = await icsFile(cellMember);
    expect(summaries(ics)).toEqual(['Quán triệt nghị quyết', 'Sinh hoạt chi bộ A&B tháng 12']);
    expect(t.fake.calls.some((c) => c.method === 'sendChatAction' && !c.response.ok)).toBe(true);
  });

  it('the office, which belongs to no branch, gets every organisation\'s meetings and the bloc\'s (not only the bloc\'s)', async () => {
    await start(true);
    const m = scheduleAround();
    const { ics, call } = await icsFile(office);
    expect(summaries(ics)).toEqual([m.committee.title, m.sub.title, m.cell.title, m.blocWide.title].sort());
    expect(String(call.params.caption)).toContain('(4 cuộc họp)');
    // Each event says whose meeting it is.
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.find((e) => e.summary === m.sub.title)!.description).toContain('Chi bộ Phòng Ngân sách');
  });

  it('a grassroots committee\'s secretary and deputy: also the meetings of the cells under it, in the file and the feed; a plain member of the committee not', async () => {
    await start(true);
    const secretary = user(9401); // DB01 secretary
    const deputy = user(9402); // DB01 deputy
    const committeeMember = user(9403); // DB01 member
    t.linkMembers([bloc.secretary, secretary], [bloc.deputy, deputy], [bloc.member, committeeMember]);
    const m = scheduleAround();
    const managed = [m.committee.title, m.sub.title, m.blocWide.title].sort();

    const file = await icsFile(secretary);
    expect(summaries(file.ics)).toEqual(managed);
    expect(String(file.call.params.caption)).toContain('(3 cuộc họp)');
    const sub = new ICAL.Component(ICAL.parse(file.ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).find((e) => e.summary === m.sub.title)!;
    expect(sub.description).toContain('Chi bộ Phòng Ngân sách');
    // The subscription feed holds the same meetings.
    const shown = await press(secretary, file.call.response.result as Message, /Đăng ký lịch trên điện thoại/, 'Đường dẫn riêng');
    const served = await feed(addressIn(String(shown.params.text)));
    expect(served.status).toBe(200);
    expect(summaries(await served.text())).toEqual(managed);

    expect(summaries((await icsFile(deputy)).ics)).toEqual(managed);
    // A member of the committee who leads nothing: their committee, the bloc, not the cells under it.
    expect(summaries((await icsFile(committeeMember)).ics)).toEqual([m.committee.title, m.blocWide.title].sort());
  });

  it('subscribing: the https and webcal addresses with a how-to; the feed holds the same meetings; never shown again; /lichics huy makes the old address 404 at once; a new one works', async () => {
    await start(true);
    scheduleAround();
    const file = await icsFile(cellMember);
    const document = file.call.response.result as Message;
    const shown = await press(cellMember, document, /Đăng ký lịch trên điện thoại/, 'Đường dẫn riêng');
    const text = String(shown.params.text);
    const url = addressIn(text);
    expect(url).toMatch(/^https:\/\/lich\.example\.org\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    expect(text).toContain(`<code>${url.replace('https://', 'webcal://')}</code>`);
    expect(text).toContain('Thêm lịch đã đăng ký');
    expect(text).toContain('Từ URL');
    expect(text).toContain('Đăng ký từ web');
    expect(shown.params.link_preview_options).toEqual({ is_disabled: true });
    expect(buttonsOf(shown.params.reply_markup).map((b) => b.text)).toEqual(['🗑 Hủy đường dẫn']);

    const served = await feed(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await served.text();
    expect(summaries(body)).toEqual(summaries(file.ics));

    // Pressed again: the address is not shown again (only its hash is kept); a new one or revoking is offered.
    const again = await press(cellMember, document, /Đăng ký lịch trên điện thoại/, 'đã có đường dẫn');
    expect(String(again.params.text)).not.toContain('/calendar/');
    expect(String(again.params.text)).toContain('14h00 23/11/2026');
    expect(buttonsOf(again.params.reply_markup).map((b) => b.text)).toEqual(['🔄 Tạo đường dẫn mới', '🗑 Hủy đường dẫn']);
    expect((await feed(url)).status).toBe(200);

    // /lichics huy: the old address answers 404 at once.
    const mark = t.fake.mark();
    t.fake.sendText(cellMember, privateChat(cellMember), '/lichics hủy');
    expect(String((await next(cellMember.id, 'Đã hủy đường dẫn', mark)).params.text)).toContain('không nhận được lịch họp nữa');
    expect((await feed(url)).status).toBe(404);
    expect(t.services.calendar.subscriptionOf(bloc.cellMember.id)).toBeNull();
    // Nothing left to revoke; a word that is not "huy" is explained and changes nothing.
    expect(await t.say(cellMember, privateChat(cellMember), '/lichics huy')).toContain('chưa có đường dẫn đăng ký lịch nào');
    expect(await t.say(cellMember, privateChat(cellMember), '/lichics xoa')).toContain('<code>/lichics huy</code>');

    // A new address works; the old one stays dead.
    const renewed = await press(cellMember, document, /Đăng ký lịch trên điện thoại/, 'Đường dẫn riêng');
    const second = addressIn(String(renewed.params.text));
    expect(second).not.toBe(url);
    expect((await feed(second)).status).toBe(200);
    expect((await feed(url)).status).toBe(404);
    // The addresses went to the member through Telegram, and nowhere into the log.
    const log = t.logLines.join('\n');
    expect(log).toContain('calendar feed served');
    for (const address of [url, second]) expect(log).not.toContain(/\/calendar\/([^.]+)\.ics/.exec(address)![1]);
  });

  it('with no meetings ahead the button is still offered; "Tạo đường dẫn mới" replaces the address (the old one 404s); "Hủy đường dẫn" revokes it', async () => {
    await start(true);
    const none = await t.sayCall(cellMember, privateChat(cellMember), '/lichics');
    expect(String(none.params.text)).toContain('Không có cuộc họp nào sắp tới');
    const document = none.response.result as Message;
    const first = addressIn(String((await press(cellMember, document, /Đăng ký lịch/, 'Đường dẫn riêng')).params.text));
    const offer = (await press(cellMember, document, /Đăng ký lịch/, 'đã có đường dẫn')).response.result as Message;
    const renewed = await press(cellMember, offer, /Tạo đường dẫn mới/, 'Đường dẫn riêng');
    const second = addressIn(String(renewed.params.text));
    expect((await feed(first)).status).toBe(404);
    expect((await feed(second)).status).toBe(200);
    await press(cellMember, renewed.response.result as Message, /Hủy đường dẫn/, 'Đã hủy đường dẫn');
    expect((await feed(second)).status).toBe(404);
  });

  it('in a group: the file without the subscription button; a forged press there is refused and shows no address', async () => {
    await start(true);
    scheduleAround();
    const call = await t.sayCall(cellMember, cellGroup, '/lichics', 'sendDocument');
    expect(call.params.reply_markup).toBeUndefined();
    const answer = await t.press(cellMember, call.response.result as Message, 'cal', true);
    expect(String(answer.params.text)).toContain('trong cuộc trò chuyện riêng');
    await t.settle();
    expect(t.services.calendar.subscriptionOf(bloc.cellMember.id)).toBeNull();
    expect(t.fake.sentMessages(cellGroup.id).some((p) => String(p.text ?? '').includes('/calendar/'))).toBe(false);
  });

  it('without PUBLIC_URL: the file only; a member is told subscriptions are not enabled (nothing technical), the office what to set', async () => {
    await start(false);
    scheduleAround();
    const member = await icsFile(cellMember);
    expect(String(member.call.params.caption)).toContain('chưa được bật cho bot này');
    expect(String(member.call.params.caption)).not.toContain('PUBLIC_URL');
    expect(member.call.params.reply_markup).toBeUndefined();
    const byOffice = await icsFile(office);
    expect(String(byOffice.call.params.caption)).toContain('<code>PUBLIC_URL</code>');
    // A press forged from an older message changes nothing.
    const answer = await t.press(cellMember, member.call.response.result as Message, 'cal', true);
    expect(String(answer.params.text)).toContain('chưa được bật');
    expect(t.services.calendar.subscriptionOf(bloc.cellMember.id)).toBeNull();
    // No HTTP server at all (no webhook, no dashboard, no feeds).
    await expect(fetch(`${t.origin}/healthz`)).rejects.toThrow();
  });
});
