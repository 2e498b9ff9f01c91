/**
 * The role guards every command and button goes through (src/bot/guards.ts): who passes, and what
 * the refused are told — a reply to a command, an alert on a button press. The end-to-end tests
 * show them in the real bot; here each role meets each guard.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { InnerContext } from '../../src/bot/context.js';
import { mayManageBranch, refuse, requireLeader, requireOffice } from '../../src/bot/guards.js';
import { Translator } from '../../src/bot/i18n.js';
import type { Role } from '../../src/db/schema.js';
import { SYSTEM } from '../../src/services/actor.js';
import type { Member } from '../../src/services/members.js';
import { seedSmallBloc, testDb, type TestDb } from '../helpers/db.js';

const t = new Translator().for('vi');

/** What a guard did to the chat: the replies it sent and the button answers it gave. */
function fakeContext(member: Partial<Member> | null, pressed = false) {
  const replies: string[] = [];
  const alerts: { text?: string; show_alert?: boolean }[] = [];
  const ctx = {
    member,
    t,
    callbackQuery: pressed ? { id: '1', data: 'x' } : undefined,
    replyHtml: async (html: { value: string }) => {
      replies.push(html.value);
    },
    answerCallbackQuery: async (options: { text?: string; show_alert?: boolean }) => {
      alerts.push(options);
      return true;
    },
  } as unknown as InnerContext;
  return { ctx, replies, alerts };
}

const withRoles = (...roles: Role[]) => ({ id: 1, branchId: 5, roles }) as unknown as Member;

describe('requireLeader', () => {
  it('lets secretaries, deputies, the office and admins through, silently', async () => {
    for (const roles of [['secretary'], ['deputy'], ['office'], ['admin'], ['member', 'deputy']] as Role[][]) {
      const f = fakeContext(withRoles(...roles));
      expect(await requireLeader(f.ctx, 'taolich')).toBe(true);
      expect(f.replies).toEqual([]);
      expect(f.alerts).toEqual([]);
    }
  });

  it('refuses a plain member, and someone not registered, with the command and who may use it', async () => {
    for (const member of [withRoles('member'), null]) {
      const f = fakeContext(member);
      expect(await requireLeader(f.ctx, 'taolich')).toBe(false);
      expect(f.replies).toEqual([
        'Lệnh /taolich dành cho bí thư, phó bí thư và Văn phòng Đảng ủy Khối; đồng chí không có quyền dùng lệnh này.',
      ]);
    }
  });
});

describe('requireOffice', () => {
  it('lets only the office and admins through', async () => {
    for (const roles of [['office'], ['admin']] as Role[][]) {
      const f = fakeContext(withRoles(...roles));
      expect(await requireOffice(f.ctx, 'xuatchitieu')).toBe(true);
      expect(f.replies).toEqual([]);
    }
    for (const member of [withRoles('secretary'), withRoles('deputy'), withRoles('member'), null]) {
      const f = fakeContext(member);
      expect(await requireOffice(f.ctx, 'xuatchitieu')).toBe(false);
      expect(f.replies).toEqual(['Lệnh /xuatchitieu dành cho Văn phòng Đảng ủy Khối; đồng chí không có quyền dùng lệnh này.']);
    }
  });

  it('answers a refused button press with an alert, in plain text, and sends no message', async () => {
    const f = fakeContext(withRoles('member'), true);
    expect(await requireOffice(f.ctx, 'xuatchitieu')).toBe(false);
    expect(f.replies).toEqual([]);
    expect(f.alerts).toEqual([
      { text: 'Lệnh /xuatchitieu dành cho Văn phòng Đảng ủy Khối; đồng chí không có quyền dùng lệnh này.', show_alert: true },
    ]);
  });
});

describe('refuse', () => {
  it('says "not allowed" by default; an alert is cut to the 200 characters Telegram shows', async () => {
    const command = fakeContext(null);
    await refuse(command.ctx);
    expect(command.replies).toEqual(['Đồng chí không có quyền thực hiện thao tác này.']);

    const button = fakeContext(null, true);
    await refuse(button.ctx, 'not-allowed-command', { command: 'x'.repeat(300), who: '<b>ai</b>' });
    const alert = button.alerts[0]!;
    expect(Array.from(alert.text!).length).toBeLessThanOrEqual(200);
    expect(alert.text).toMatch(/^Lệnh \/x+…$/);
    expect(alert.show_alert).toBe(true);
  });

  it('an alert shows the text as the member reads it: no tags, entities decoded', async () => {
    const f = fakeContext(null, true);
    await refuse(f.ctx, 'not-allowed-command', { command: 'a&b', who: '<Văn phòng>' });
    expect(f.alerts[0]!.text).toBe('Lệnh /a&b dành cho <Văn phòng>; đồng chí không có quyền dùng lệnh này.');
  });
});

describe('mayManageBranch', () => {
  let db: TestDb;
  let bloc: ReturnType<typeof seedSmallBloc>;
  beforeEach(() => {
    db = testDb();
    bloc = seedSmallBloc(db.services);
  });
  const fresh = (m: Member) => db.services.members.getById(m.id)!;

  it('a secretary or deputy manages their branch and the cells below it, not another branch', () => {
    for (const leader of [fresh(bloc.secretary), fresh(bloc.deputy)]) {
      expect(mayManageBranch(db.services, leader, bloc.committee.id)).toBe(true);
      expect(mayManageBranch(db.services, leader, bloc.subcell.id)).toBe(true);
      expect(mayManageBranch(db.services, leader, bloc.cell.id)).toBe(false);
    }
    // The cell's secretary: their own cell only.
    expect(mayManageBranch(db.services, fresh(bloc.cellSecretary), bloc.cell.id)).toBe(true);
    expect(mayManageBranch(db.services, fresh(bloc.cellSecretary), bloc.committee.id)).toBe(false);
  });

  it('a plain member manages nothing, nor does nobody; the office manages everything', () => {
    expect(mayManageBranch(db.services, fresh(bloc.member), bloc.committee.id)).toBe(false);
    expect(mayManageBranch(db.services, fresh(bloc.cellMember), bloc.cell.id)).toBe(false);
    expect(mayManageBranch(db.services, null, bloc.cell.id)).toBe(false);
    const office = db.services.members.addAdmin(99, 'VP', SYSTEM);
    expect(mayManageBranch(db.services, office, bloc.cell.id)).toBe(true);
    expect(mayManageBranch(db.services, office, bloc.subcell.id)).toBe(true);
  });
});
