/**
 * A member's language end to end: /start stores the client's when none is stored, /ngonngu
 * (/language) and the /trogiup button change it, and everything the bot sends that member follows
 * it, pushes included (a notice, its acknowledgement nudge, a meeting reminder, the indicator report
 * reminder) and the menu.
 */
import type { Message, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustableClock } from '../../src/clock.js';
import { SYSTEM } from '../../src/services/actor.js';
import { privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`);

describe('language (end to end)', () => {
  let t: TestBot;
  let bloc: ReturnType<typeof seedSmallBloc>;
  const office = user(9600, { first_name: 'Văn phòng' });
  const english = user(9601, { first_name: 'Em', language_code: 'en' }); // CB02 member, English client
  const vietnamese = user(9602, { first_name: 'Đạt' }); // CB02 secretary, Vietnamese client

  beforeEach(async () => {
    t = await TestBot.start({ adminIds: [office.id] }); // clock: Monday 23/11/2026, 14h00 in Hà Nội
    bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.cellMember.id, { id: english.id }, SYSTEM);
    t.services.members.linkTelegram(bloc.cellSecretary.id, { id: vietnamese.id }, SYSTEM);
  });
  afterEach(async () => {
    await t.stop();
  });

  const languageOf = (memberId: number) => t.services.members.getById(memberId)!.language;
  const menu = (tg: User, lang = '') => (t.fake.commandsFor({ type: 'chat', chat_id: tg.id } as never, lang) as { command: string }[]).map((c) => c.command);

  it('/start stores the client language when none is stored, and never overrides a choice', async () => {
    expect(languageOf(bloc.cellMember.id)).toBeNull();
    expect(await t.say(english, privateChat(english), '/start')).toContain('Hello, comrade');
    expect(languageOf(bloc.cellMember.id)).toBe('en');
    await t.say(vietnamese, privateChat(vietnamese), '/start');
    expect(languageOf(bloc.cellSecretary.id)).toBe('vi');
    // A chosen language stays, whatever the client says at the next /start.
    t.services.members.setLanguage(bloc.cellMember.id, 'vi', SYSTEM);
    expect(await t.say(english, privateChat(english), '/start')).toContain('Xin chào đồng chí');
    expect(languageOf(bloc.cellMember.id)).toBe('vi');
    // A newcomer by invite: stored at once.
    const invite = t.services.invites.createForBranch(bloc.cell.id, 'member', {}, SYSTEM);
    const newcomer = user(9610, { first_name: 'New', language_code: 'en-GB' });
    expect(await t.say(newcomer, privateChat(newcomer), `/start ${invite.code}`)).toContain('You are now registered');
    expect(t.services.members.findByTelegramId(newcomer.id)!.language).toBe('en');
  });

  it('a member linked before languages were stored gets the client language from their first private message', async () => {
    expect(languageOf(bloc.cellMember.id)).toBeNull();
    expect(await t.say(english, privateChat(english), '/chibo')).toContain('Chi bộ Công ty TNHH A&amp;B');
    expect(languageOf(bloc.cellMember.id)).toBe('en');
  });

  it('/ngonngu and /language change it, /trogiup has a button for it; replies and the menu follow', async () => {
    const chat = privateChat(vietnamese);
    const shown = await t.sayCall(vietnamese, chat, '/ngonngu');
    expect(String(shown.params.text)).toContain('Ngôn ngữ bot dùng với đồng chí: <b>Tiếng Việt</b>');
    expect(await t.say(vietnamese, chat, '/ngonngu tiếng Pháp')).toContain('Không rõ ngôn ngữ “tiếng Pháp”');
    expect(languageOf(bloc.cellSecretary.id)).toBeNull();

    expect(await t.say(vietnamese, chat, '/ngonngu en')).toContain('speaks English with you');
    expect(languageOf(bloc.cellSecretary.id)).toBe('en');
    // The Vietnamese client now gets English, and an English menu whatever its own language.
    expect(await t.say(vietnamese, chat, '/trogiup')).toContain('Commands of the');
    await t.settle();
    expect(menu(vietnamese)).toEqual(expect.arrayContaining(['branch', 'help', 'language', 'cancel', 'taolich']));
    expect(menu(vietnamese, 'en')).toEqual([]);

    // The /help button switches back, in the other language.
    const help = await t.sayCall(vietnamese, chat, '/help');
    const mark = t.fake.mark();
    t.fake.pressButton(vietnamese, help.response.result as Message, '🌐 Tiếng Việt');
    await t.fake.waitFor('sendMessage', (p) => p.chat_id === vietnamese.id && String(p.text).includes('Từ nay bot dùng tiếng Việt'), { after: mark });
    expect(languageOf(bloc.cellSecretary.id)).toBe('vi');
    expect(await t.say(vietnamese, chat, '/language')).toContain('Ngôn ngữ bot dùng với đồng chí');
    await t.settle();
    expect(menu(vietnamese)).toEqual(expect.arrayContaining(['chibo', 'trogiup', 'ngonngu', 'huy', 'taolich']));
    // The buttons of /ngonngu are input too: an unknown language is refused, nothing changes.
    const forged = await t.press(vietnamese, shown.response.result as Message, 'lg:fr', true);
    expect(String(forged.params.text)).toContain('Nút này đã hết hiệu lực');
    expect(languageOf(bloc.cellSecretary.id)).toBe('vi');
  });

  it('an English member gets a notice, its acknowledgement nudge and a meeting reminder in English', async () => {
    await t.say(english, privateChat(english), '/start');
    expect(languageOf(bloc.cellMember.id)).toBe('en');
    t.fake.knowChats(office, vietnamese); // the author and the other recipient: in real life through /start

    const author = t.services.members.findByTelegramId(office.id)!;
    const draft = t.services.notices.createDraft(
      author,
      {
        kind: 'text',
        body: 'Kế hoạch học tập nghị quyết',
        title: 'Kế hoạch học tập nghị quyết',
        requireAck: true,
        audience: { scope: { type: 'branches', branchIds: [bloc.cell.id], includeSubcells: false }, people: 'all', channel: 'private' },
        scheduledAt: null,
      },
      SYSTEM,
    );
    expect(t.services.notices.confirm(draft.id, author, SYSTEM).ok).toBe(true);
    t.app.sender.wake();
    const notice = await t.fake.waitFor('sendMessage', (p) => p.chat_id === english.id && String(p.text).startsWith('📢'));
    expect(String(notice.params.text)).toContain('📢 <b>NOTICE</b>');
    const secretaryCopy = await t.fake.waitFor('sendMessage', (p) => p.chat_id === vietnamese.id && String(p.text).startsWith('📢'));
    expect(String(secretaryCopy.params.text)).toContain('<b>THÔNG BÁO</b>');

    (t.clock as AdjustableClock).advance(24 * 3600_000 + 1000);
    t.services.notices.nudge(24 * 3600_000);
    t.app.sender.wake();
    const nudge = await t.fake.waitFor('sendMessage', (p) => p.chat_id === english.id && String(p.text).startsWith('⏰'));
    expect(String(nudge.params.text)).toContain('You have not confirmed receiving the notice');

    const meeting = t.services.meetings.createDraft({ branchId: bloc.cell.id, kind: 'regular', title: 'Họp tháng 12', startsAt: at('2026-12-03 14:30') }, bloc.cellSecretary.id, SYSTEM);
    t.services.meetings.confirm(meeting.id, bloc.cellSecretary.id, SYSTEM);
    const announced = await t.fake.waitFor('sendMessage', (p) => p.chat_id === english.id && String(p.text).startsWith('🆕'));
    expect(String(announced.params.text)).toContain('🆕 <b>New meeting</b>');
    (t.clock as AdjustableClock).set(at('2026-12-02 14:30'));
    t.services.meetings.materialiseAll();
    t.services.meetingNotifier.plan();
    t.app.sender.wake();
    const reminder = await t.fake.waitFor('sendMessage', (p) => p.chat_id === english.id && String(p.text).includes('Meeting reminder'));
    expect(String(reminder.params.text)).toContain('⏰ <b>Meeting reminder</b>: in 1 day');
  });
  it('a secretary who chose English gets the indicator report reminder in English, whatever the client', async () => {
    const chat = privateChat(vietnamese);
    expect(await t.say(vietnamese, chat, '/ngonngu en')).toContain('speaks English with you');
    const res = t.services.indicators.upsertResolution(
      { code: 'NQ-2025', name: 'Nghị quyết Đại hội 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
      SYSTEM,
    );
    t.services.indicators.upsertIndicator({ resolutionId: res.id, code: 'KN-DV', title: 'Kết nạp đảng viên mới', unit: 'đảng viên', kind: 'term_count', target: 1300 }, SYSTEM);
    (t.clock as AdjustableClock).set(at('2026-12-17 10:00')); // three days before the 20th
    expect(t.services.indicators.nudge(20, 3).nudged).toBeGreaterThan(0);
    t.app.sender.wake();
    const nudge = await t.fake.waitFor('sendMessage', (p) => p.chat_id === vietnamese.id && String(p.text).startsWith('📊'));
    expect(String(nudge.params.text)).toContain('📊 Reminder: the indicator figures of <b>Chi bộ Công ty TNHH A&amp;B</b> for Q4 2026');
    expect(String(nudge.params.text)).toContain('1 indicator still to report:\n• KN-DV · Kết nạp đảng viên mới');
  });
});
