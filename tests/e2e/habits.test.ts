/**
 * Telegram habits people expect, through the real bot against the fake Bot API: the bot's
 * description before Start (set once, not on every start), chat actions while a chart or a
 * workbook is made (and a refused one never delays the file), invites as a tappable link with a
 * share button, and a stranger's inline query answered with a "start the bot" button.
 */
import type { User } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_BLOC_NAME } from '../../src/demo/bloc.js';
import { SYSTEM } from '../../src/services/actor.js';
import { FakeTelegram, type RecordedCall } from '../fake-telegram/server.js';
import { inlineQuery, privateChat, user } from '../fake-telegram/updates.js';
import { TestBot } from '../helpers/app.js';
import { seedSmallBloc } from '../helpers/db.js';

let t: TestBot;
afterEach(async () => {
  await t.stop();
});

describe('the bot description', () => {
  const texts = (fake: FakeTelegram) =>
    ['', 'vi', 'en'].map((language) => ({ language, description: fake.descriptionOf(language), short: fake.shortDescriptionOf(language) }));

  it('is set on the first start in Vietnamese, English and by default (Vietnamese), within the limits, and not again on the next start', async () => {
    t = await TestBot.start();
    const [byDefault, vi, en] = texts(t.fake);
    expect(byDefault!.description).toContain('Trợ lý của Đảng bộ Khối trên Telegram, dành cho cán bộ, đảng viên');
    expect(byDefault!.description).toContain('Đồng chí vui lòng mở đường liên kết mời');
    expect(byDefault!.short).toBe('Trợ lý của Đảng bộ Khối: lịch họp, thông báo, chỉ tiêu nghị quyết cho cán bộ, đảng viên.');
    expect(vi).toEqual({ ...byDefault, language: 'vi' });
    expect(en!.description).toContain('The Telegram assistant of Đảng bộ Khối, for its officials and Party members');
    expect(en!.short).toBe('Assistant of Đảng bộ Khối: meetings, notices and resolution targets for officials and Party members.');
    for (const text of [byDefault!, vi!, en!]) {
      expect(text.description!.length).toBeLessThanOrEqual(512);
      expect(text.short!.length).toBeLessThanOrEqual(120);
    }
    expect(t.fake.profileWrites).toBe(6);

    await t.restart();
    expect(t.fake.profileWrites).toBe(6);
    expect(t.fake.callsTo('setMyDescription')).toHaveLength(3);
  });

  it('is set again when its text changes (the bloc renamed), and a name too long for the limit is left out', async () => {
    t = await TestBot.start();
    t.services.bloc.setName(DEMO_BLOC_NAME, null, SYSTEM);
    await t.restart();
    expect(t.fake.profileWrites).toBe(12);
    expect(t.fake.descriptionOf('vi')).toContain(`Trợ lý của ${DEMO_BLOC_NAME} trên Telegram`);
    expect(t.fake.shortDescriptionOf('en')).toBe(`Assistant of ${DEMO_BLOC_NAME}: meetings, notices and resolution targets for officials and Party members.`);

    t.services.bloc.setName(`${DEMO_BLOC_NAME} ${'và các doanh nghiệp nhà nước '.repeat(3)}`.trim(), null, SYSTEM);
    await t.restart();
    // The short texts cannot hold the name any more: they fall back to the wording without it
    // (the same as the first start's, but different from the last ones set, so set again).
    expect(t.fake.shortDescriptionOf('')).toBe('Trợ lý của Đảng bộ Khối: lịch họp, thông báo, chỉ tiêu nghị quyết cho cán bộ, đảng viên.');
    expect(t.fake.shortDescriptionOf('en')).toBe("The Party bloc's assistant: meetings, notices and resolution targets for officials and Party members.");
    expect(t.fake.descriptionOf('')).toContain('và các doanh nghiệp nhà nước');
    expect(t.fake.profileWrites).toBe(18);
  });

  it('a refusal (429 for an hour) does not stop the bot; what was refused is set at the next start', async () => {
    const fake = await FakeTelegram.start();
    fake.tooManyRequests('setMyDescription', 3600, { times: 3 });
    t = await TestBot.start({ fake });
    try {
      expect(fake.descriptionOf('vi')).toBeUndefined();
      expect(fake.shortDescriptionOf('vi')).toBeDefined();
      expect(t.logLines.some((l) => l.includes('could not set the bot description'))).toBe(true);
      // The bot answers.
      const stranger = user(9901);
      expect(await t.say(stranger, privateChat(stranger), '/start')).toContain('Bot này chỉ phục vụ');

      await t.restart();
      expect(fake.descriptionOf('vi')).toContain('Trợ lý của Đảng bộ Khối');
      expect(fake.profileWrites).toBe(6);
    } finally {
      await t.stop();
      await fake.close();
      t = { stop: async () => undefined } as unknown as TestBot;
    }
  });
});

describe('chat actions while a file is made', () => {
  const office = user(9600);
  const member = user(9601);

  async function start(): Promise<void> {
    t = await TestBot.start({ adminIds: [office.id] });
    const bloc = seedSmallBloc(t.services);
    t.services.members.linkTelegram(bloc.member.id, { id: member.id }, SYSTEM);
    t.fake.knowChats(office, member); // linked in the database: in real life through /start
    const ind = t.services.indicators;
    const res = ind.upsertResolution(
      { code: 'NQ-2025', name: 'Nghị quyết Đại hội 2025–2030', level: 'bloc', termStartYear: 2025, termEndYear: 2030, current: true, closed: false },
      SYSTEM,
    );
    const admissions = ind.upsertIndicator(
      { resolutionId: res.id, code: 'KN-DV', title: 'Kết nạp đảng viên mới', unit: 'đảng viên', kind: 'term_count', target: 1300, sort: 1 },
      SYSTEM,
    );
    ind.report(admissions.id, bloc.committee.id, '2026-Q2', { numerator: 40, denominator: null, note: null }, null, SYSTEM);
  }

  /** The calls to `who`'s chat from `mark` on, as "method" or "method:action". */
  const callsTo = (who: User, mark: number) =>
    t.fake.calls
      .slice(mark)
      .filter((c) => Number(c.params.chat_id) === who.id && c.method !== 'setMyCommands')
      .map((c: RecordedCall) => (c.method === 'sendChatAction' ? `sendChatAction:${String(c.params.action)}` : c.method));

  it('/xuatchitieu: "sending a file…" before the workbook', async () => {
    await start();
    const mark = t.fake.mark();
    t.fake.sendText(office, privateChat(office), '/xuatchitieu');
    await t.fake.waitFor('sendDocument', (p) => p.chat_id === office.id, { after: mark });
    expect(callsTo(office, mark)).toEqual(['sendChatAction:upload_document', 'sendDocument']);
  });

  it('/chitieu of one indicator: "sending a photo…" after the text and before the chart', async () => {
    await start();
    const mark = t.fake.mark();
    t.fake.sendText(member, privateChat(member), '/chitieu KN-DV');
    await t.fake.waitFor('sendPhoto', (p) => p.chat_id === member.id, { after: mark });
    expect(callsTo(member, mark)).toEqual(['sendMessage', 'sendChatAction:upload_photo', 'sendPhoto']);
  });

  it('a chat action Telegram refuses (429) or never answers does not delay the file, and is not sent again', async () => {
    await start();
    let mark = t.fake.mark();
    t.fake.tooManyRequests('sendChatAction', 30);
    t.fake.sendText(office, privateChat(office), '/xuatchitieu');
    // Waited out, the 429 would hold the workbook for 30 s (waitFor gives up after 5).
    await t.fake.waitFor('sendDocument', (p) => p.chat_id === office.id, { after: mark });
    const refused = t.fake.calls.slice(mark).filter((c) => c.method === 'sendChatAction');
    expect(refused.map((c) => c.response.error_code)).toEqual([429]);

    mark = t.fake.mark();
    t.fake.hang('sendChatAction');
    t.fake.sendText(office, privateChat(office), '/xuatchitieu');
    // Awaited, the hung action would hold the workbook for the call's time limit (30 s).
    await t.fake.waitFor('sendDocument', (p) => p.chat_id === office.id, { after: mark });
    // Given up once the workbook is sent (not left to its 30 s limit, when it could show after the file).
    await t.fake.waitFor('sendChatAction', (_p, c) => c.outcome === 'hung', { after: mark });
    await t.settle();
    expect(t.fake.calls.slice(mark).filter((c) => c.method === 'sendChatAction')).toHaveLength(1);
  });
});

describe('invites', () => {
  const office = user(9700);

  it('the link is tappable, with a button that forwards it in one tap, and the expiry is still shown', async () => {
    t = await TestBot.start({ adminIds: [office.id] });
    seedSmallBloc(t.services);
    for (const command of ['/moi DV003', '/moi chibo CB02']) {
      const call = await t.sayCall(office, privateChat(office), command);
      const text = String(call.params.text);
      const code = TestBot.inviteCode(text);
      const link = `https://t.me/test_party_bot?start=${code}`;
      expect(text).toContain(`<a href="${link}">${link}</a>`);
      expect(text).not.toContain('<code>https://t.me');
      expect(text).toMatch(/hết hạn \d{2}h\d{2} \d{2}\/\d{2}\/\d{4}/);
      const buttons = (call.params.reply_markup as { inline_keyboard: { text: string; url?: string }[][] }).inline_keyboard.flat();
      expect(buttons).toHaveLength(1);
      expect(buttons[0]!.text).toBe('📤 Chuyển lời mời');
      const share = new URL(buttons[0]!.url!);
      expect(`${share.origin}${share.pathname}`).toBe('https://t.me/share/url');
      expect(share.searchParams.get('url')).toBe(link);
      expect(share.searchParams.get('text')).toBe('Lời mời sử dụng bot của Đảng bộ Khối trên Telegram: đồng chí vui lòng mở liên kết này rồi bấm “Bắt đầu”.');
      // Encoded as a query component: the link's own ? and = do not leak into the share page's query.
      expect(buttons[0]!.url).toContain(`url=${encodeURIComponent(link)}&text=`);
      // The message as Telegram shows it: the link is a text link entity.
      const entities = (call.response.result as { entities?: { type: string; url?: string }[] }).entities ?? [];
      expect(entities).toContainEqual(expect.objectContaining({ type: 'text_link', url: link }));
    }
  });
});

describe('inline mode for a stranger', () => {
  it('gets no results and a "start the bot" button, personal and not cached; /start from it says how to join', async () => {
    t = await TestBot.start();
    seedSmallBloc(t.services);
    const stranger = user(9801);
    const mark = t.fake.mark();
    t.fake.pushUpdate(inlineQuery(stranger, 'dang bo so'));
    const answer = await t.fake.waitFor('answerInlineQuery', undefined, { after: mark });
    expect(answer.response.ok).toBe(true);
    expect(answer.params.results).toEqual([]);
    expect(answer.params.button).toEqual({ text: 'Mở bot để được hướng dẫn đăng ký', start_parameter: 'inline' });
    expect(answer.params).toMatchObject({ cache_time: 0, is_personal: true });

    // The button opens the private chat with /start inline: the welcome for strangers, not a wrong invite code.
    const reply = await t.say(stranger, privateChat(stranger), '/start inline');
    expect(reply).toContain('Bot này chỉ phục vụ cán bộ, đảng viên của');
    expect(reply).not.toContain('Mã mời không đúng');
  });
});
