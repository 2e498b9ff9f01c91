/**
 * Who a notice reaches, exactly: a cluster means its branches and their cells and nobody else; "both"
 * means the private messages and the group posts; "secretaries only" means the secretaries (not
 * deputies, not members) and no group; chosen branches with or without their cells. Each test
 * compares the set of chats that got the notice with the set that should have, and nothing else.
 * Against flood limits, with every member having started the bot and every group having added it.
 */
import type { Message, User } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Audience } from '../../src/domain/audience.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Services } from '../../src/services/index.js';
import { group, privateChat, supergroup, user } from '../fake-telegram/updates.js';
import type { RecordedCall } from '../fake-telegram/server.js';
import { TestBot } from '../helpers/app.js';
import { delivered, joinAndLink, pressOk, sayOk, startChats, textOf } from '../helpers/strict.js';

/**
 * Two clusters. K1: committee DB01 with its cell DB01-01 (which names no cluster itself: it belongs
 * through its parent), and cell CB02. K2: cell CB03, committee DB04 with its cell DB04-01.
 */
function seedTwoClusters(services: Services) {
  const b = services.branches;
  const k1 = b.upsertCluster({ code: 'K1', name: 'Khối các cơ quan Đảng' }, SYSTEM);
  const k2 = b.upsertCluster({ code: 'K2', name: 'Khối doanh nghiệp' }, SYSTEM);
  const db01 = b.upsert({ code: 'DB01', name: 'Đảng bộ Sở Tài chính', kind: 'committee', clusterId: k1.id }, SYSTEM).branch;
  const db0101 = b.upsert({ code: 'DB01-01', name: 'Chi bộ Phòng Ngân sách', kind: 'subcell', parentId: db01.id }, SYSTEM).branch;
  const cb02 = b.upsert({ code: 'CB02', name: 'Chi bộ Văn phòng Tỉnh ủy', kind: 'cell', clusterId: k1.id }, SYSTEM).branch;
  const cb03 = b.upsert({ code: 'CB03', name: 'Chi bộ Công ty TNHH A&B', kind: 'cell', clusterId: k2.id }, SYSTEM).branch;
  const db04 = b.upsert({ code: 'DB04', name: 'Đảng bộ Tổng công ty Điện lực', kind: 'committee', clusterId: k2.id }, SYSTEM).branch;
  const db0401 = b.upsert({ code: 'DB04-01', name: 'Chi bộ Phân xưởng 1', kind: 'subcell', parentId: db04.id, clusterId: k2.id }, SYSTEM).branch;
  return { k1, k2, db01, db0101, cb02, cb03, db04, db0401 };
}

describe('notice audiences (end to end)', () => {
  let t: TestBot;
  let seed: ReturnType<typeof seedTwoClusters>;
  const office = user(9200, { first_name: 'Văn phòng' });
  // Telegram users by branch; s = secretary, d = deputy, m = member.
  const tg = {
    s1: user(9201), d1: user(9202), m1: user(9203), // DB01
    s11: user(9211), m11: user(9212), // DB01-01
    s2: user(9221), m2: user(9222), // CB02
    s3: user(9231), m3: user(9232), // CB03
    s4: user(9241), d4: user(9242), m4: user(9243), // DB04
    s41: user(9251), m41: user(9252), // DB04-01
  };
  const groups = {
    g01: group(-9201, 'Nhóm DB01'),
    g0101: group(-9211, 'Nhóm DB01-01'),
    g02: supergroup(-1009221000000, 'Nhóm CB02'),
    g03: group(-9231, 'Nhóm CB03'),
    g04: supergroup(-1009241000000, 'Nhóm DB04'),
    g0401: group(-9251, 'Nhóm DB04-01'),
  };
  const ids = (...users: User[]) => users.map((u) => u.id);
  const K1_PEOPLE = () => ids(tg.s1, tg.d1, tg.m1, tg.s11, tg.m11, tg.s2, tg.m2);
  const K2_PEOPLE = () => ids(tg.s3, tg.m3, tg.s4, tg.d4, tg.m4, tg.s41, tg.m41);

  beforeEach(async () => {
    t = await TestBot.start({ adminIds: [office.id] });
    seed = seedTwoClusters(t.services);
    const add = (code: string, branchId: number, roles: ('member' | 'secretary' | 'deputy')[], who: User | null) => {
      const m = t.services.members.create({ code, fullName: `Đảng viên ${code}`, branchId, roles: ['member', ...roles.filter((r) => r !== 'member')] }, SYSTEM);
      if (who) t.services.members.linkTelegram(m.id, { id: who.id }, SYSTEM);
    };
    add('DV01', seed.db01.id, ['secretary'], tg.s1);
    add('DV02', seed.db01.id, ['deputy'], tg.d1);
    add('DV03', seed.db01.id, [], tg.m1);
    add('DV11', seed.db0101.id, ['secretary'], tg.s11);
    add('DV12', seed.db0101.id, [], tg.m11);
    add('DV21', seed.cb02.id, ['secretary'], tg.s2);
    add('DV22', seed.cb02.id, [], tg.m2);
    add('DV31', seed.cb03.id, ['secretary'], tg.s3);
    add('DV32', seed.cb03.id, [], tg.m3);
    add('DV41', seed.db04.id, ['secretary'], tg.s4);
    add('DV42', seed.db04.id, ['deputy'], tg.d4);
    add('DV43', seed.db04.id, [], tg.m4);
    add('DV44', seed.db04.id, [], null); // not linked to Telegram: counted, never messaged
    add('DV51', seed.db0401.id, ['secretary'], tg.s41);
    add('DV52', seed.db0401.id, [], tg.m41);
    await startChats(t, [office, ...Object.values(tg)]);
    await joinAndLink(t, office, [
      [groups.g01, 'DB01'],
      [groups.g0101, 'DB01-01'],
      [groups.g02, 'CB02'],
      [groups.g03, 'CB03'],
      [groups.g04, 'DB04'],
      [groups.g0401, 'DB04-01'],
    ]);
  }, 60_000);
  afterEach(async () => {
    await t.stop();
  });

  /** The chats that received the notice containing `body` after `mark` (successful sends only), sorted. */
  function receivers(mark: number, body: string): number[] {
    const chats = t.fake.calls
      .slice(mark)
      .filter((c) => {
        const text = String(c.params.text ?? c.params.caption ?? '');
        return c.response.ok && /^send/i.test(c.method) && text.startsWith('📢') && text.includes(body);
      })
      .map((c) => Number(c.params.chat_id));
    expect(chats.length).toBe(new Set(chats).size); // nobody gets it twice
    return chats.sort((a, b) => a - b);
  }

  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

  /** Waits for the author's delivery report: by then every message of the notice has been sent or given up. */
  async function reportTo(author: User, mark: number): Promise<string> {
    const report = await delivered(t, 'sendMessage', (p) => p.chat_id === author.id && String(p.text).includes('Kết quả gửi'), mark, 30_000);
    return textOf(report);
  }

  /** Sends a notice from the office through the service (as the confirm button does) and wakes delivery. */
  function sendAsOffice(body: string, audience: Audience): void {
    const author = t.services.members.findByTelegramId(office.id)!;
    const draft = t.services.notices.createDraft(author, { kind: 'text', body, title: body, requireAck: false, audience, scheduledAt: null }, SYSTEM);
    expect(t.services.notices.confirm(draft.id, author, SYSTEM)).toMatchObject({ ok: true, released: true });
    t.app.sender.wake();
  }

  /** Presses a button on the bot's last message to `from`; waits for the next question. */
  async function press(from: User, label: RegExp, expected: string): Promise<RecordedCall> {
    return pressOk(t, from, t.fake.lastSentMessage(from.id)!, label, expected);
  }

  it('/guithongbao to one cluster, "both": every member of its branches and their cells privately, and their groups; nobody of the other cluster', async () => {
    const chat = privateChat(office);
    await sayOk(t, office, chat, '/guithongbao', 'gửi nội dung thông báo');
    await sayOk(t, office, chat, 'Thông báo khối doanh nghiệp', 'Gửi đến đối tượng nào?');
    await press(office, /^Một khối thi đua$/, 'chọn khối thi đua');
    await press(office, /^Khối doanh nghiệp$/, 'Gửi theo hình thức nào?');
    await press(office, /^Cả hai$/, 'Đã nhận');
    await press(office, /^Không cần$/, 'Gửi khi nào?');
    const summary = await press(office, /Gửi ngay/, 'Kiểm tra trước khi gửi');
    // Seven linked members and one who is not, three groups.
    expect(String(summary.params.text)).toContain('Người nhận: 8 đồng chí · tin nhắn riêng: 7 · nhóm: 3');
    expect(String(summary.params.text)).toContain('khối thi đua Khối doanh nghiệp');

    const mark = t.fake.mark();
    t.fake.pressButton(office, summary.response.result as Message, /Xác nhận gửi/);
    const report = await reportTo(office, mark);
    expect(report).toContain('Đã gửi: 10');
    expect(receivers(mark, 'Thông báo khối doanh nghiệp')).toEqual(sorted([...K2_PEOPLE(), groups.g03.id, groups.g04.id, groups.g0401.id]));
  }, 60_000);

  it('a cluster with the private channel only: its members and the cell that belongs through its parent; no group', async () => {
    const mark = t.fake.mark();
    sendAsOffice('Thông báo khối cơ quan', { scope: { type: 'cluster', clusterId: seed.k1.id }, people: 'all', channel: 'private' });
    await reportTo(office, mark);
    expect(receivers(mark, 'Thông báo khối cơ quan')).toEqual(sorted(K1_PEOPLE()));
  }, 60_000);

  it('secretaries only: the secretaries of the scope (not deputies, not members) privately, and no group even when "both" was asked', async () => {
    const mark = t.fake.mark();
    sendAsOffice('Gửi các đồng chí bí thư', { scope: { type: 'bloc' }, people: 'secretaries', channel: 'both' });
    await reportTo(office, mark);
    expect(receivers(mark, 'Gửi các đồng chí bí thư')).toEqual(sorted(ids(tg.s1, tg.s11, tg.s2, tg.s3, tg.s4, tg.s41)));
  }, 60_000);

  it('chosen branches: the groups channel reaches only their groups; with their cells, the cells too', async () => {
    let mark = t.fake.mark();
    sendAsOffice('Chỉ gửi nhóm', { scope: { type: 'branches', branchIds: [seed.db01.id, seed.cb03.id], includeSubcells: false }, people: 'all', channel: 'groups' });
    await reportTo(office, mark);
    expect(receivers(mark, 'Chỉ gửi nhóm')).toEqual(sorted([groups.g01.id, groups.g03.id]));

    mark = t.fake.mark();
    sendAsOffice('Gửi kèm chi bộ trực thuộc', { scope: { type: 'branches', branchIds: [seed.db04.id], includeSubcells: true }, people: 'all', channel: 'private' });
    await reportTo(office, mark);
    expect(receivers(mark, 'Gửi kèm chi bộ trực thuộc')).toEqual(sorted(ids(tg.s4, tg.d4, tg.m4, tg.s41, tg.m41)));
  }, 60_000);

  it('a secretary: their own branch with its cells and their groups, through /guithongbao', async () => {
    const chat = privateChat(tg.s4);
    await sayOk(t, tg.s4, chat, '/guithongbao', 'gửi nội dung thông báo');
    await sayOk(t, tg.s4, chat, 'Thông báo của Đảng bộ Tổng công ty', 'Gửi đến đối tượng nào?');
    await press(tg.s4, /^Tổ chức đảng của tôi và các chi bộ trực thuộc$/, 'Gửi theo hình thức nào?');
    await press(tg.s4, /^Cả hai$/, 'Đã nhận');
    await press(tg.s4, /^Không cần$/, 'Gửi khi nào?');
    const summary = await press(tg.s4, /Gửi ngay/, 'Kiểm tra trước khi gửi');
    const mark = t.fake.mark();
    t.fake.pressButton(tg.s4, summary.response.result as Message, /Xác nhận gửi/);
    await reportTo(tg.s4, mark);
    expect(receivers(mark, 'Thông báo của Đảng bộ Tổng công ty')).toEqual(
      sorted([...ids(tg.s4, tg.d4, tg.m4, tg.s41, tg.m41), groups.g04.id, groups.g0401.id]),
    );
  }, 60_000);
});
