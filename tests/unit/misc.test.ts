import { describe, expect, it } from 'vitest';
import { callbackData, callbackInts, callbackPattern } from '../../src/bot/callback-data.js';
import { negotiateLocale } from '../../src/bot/i18n.js';
import { canManageBranch, menuLevel, parseRole } from '../../src/domain/roles.js';
import { foldVietnamese } from '../../src/domain/text.js';
import { formatDate, formatDateTime, formatTime } from '../../src/domain/time.js';
import { createLogger, redactSecrets } from '../../src/logger.js';

describe('callback data', () => {
  it('round-trips integer arguments', () => {
    const data = callbackData('lk', 42, -7);
    const m = data.match(callbackPattern('lk', 2));
    expect(callbackInts(m)).toEqual([42, -7]);
  });

  it('refuses data over 64 bytes', () => {
    expect(() => callbackData('x'.repeat(60), 123456)).toThrow(/64 bytes/);
  });

  it('does not match tampered data', () => {
    expect('lk:1:2'.match(callbackPattern('lk', 1))).toBeNull();
    expect('lk:abc'.match(callbackPattern('lk', 1))).toBeNull();
  });
});

describe('roles', () => {
  const member = (roles: string[], branchId: number | null = 5) => ({ id: 1, branchId, roles: roles as never });

  it('office manages every branch', () => {
    expect(canManageBranch(member(['office']), [{ id: 9 }])).toBe(true);
  });

  it('a secretary manages their branch and the cells below it, not others', () => {
    expect(canManageBranch(member(['secretary']), [{ id: 5 }])).toBe(true);
    expect(canManageBranch(member(['secretary']), [{ id: 8 }, { id: 5 }])).toBe(true);
    expect(canManageBranch(member(['secretary']), [{ id: 8 }])).toBe(false);
  });

  it('a plain member manages nothing, even their own branch', () => {
    expect(canManageBranch(member(['member']), [{ id: 5 }])).toBe(false);
  });

  it('menu level follows the highest role', () => {
    expect(menuLevel(member(['member']))).toBe('member');
    expect(menuLevel(member(['deputy']))).toBe('secretary');
    expect(menuLevel(member(['admin']))).toBe('office');
  });

  it('parses Vietnamese role names', () => {
    expect(parseRole(foldVietnamese('Bí thư'))).toBe('secretary');
    expect(parseRole(foldVietnamese('Phó bí thư'))).toBe('deputy');
    expect(parseRole(foldVietnamese('Đảng viên'))).toBe('member');
    expect(parseRole(foldVietnamese('chủ tịch'))).toBeNull();
  });
});

describe('time formatting', () => {
  const tz = 'Asia/Ho_Chi_Minh';
  it('shows UTC instants in Vietnam time, dd/mm/yyyy and 14h30', () => {
    const at = new Date('2026-12-03T07:30:00Z');
    expect(formatDate(at, tz)).toBe('03/12/2026');
    expect(formatTime(at, tz)).toBe('14h30');
    expect(formatDateTime(at, tz)).toBe('14h30 03/12/2026');
  });

  it('crosses midnight into the next local day', () => {
    expect(formatDateTime(new Date('2026-12-31T17:05:00Z'), tz)).toBe('0h05 01/01/2027');
  });
});

describe('locale negotiation', () => {
  it('prefers the member setting, then the client, then Vietnamese', () => {
    expect(negotiateLocale('en', 'vi')).toBe('en');
    expect(negotiateLocale(null, 'en-US')).toBe('en');
    expect(negotiateLocale(null, 'fr')).toBe('vi');
    expect(negotiateLocale(undefined, undefined)).toBe('vi');
  });
});

describe('logger', () => {
  const token = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz0123';

  it('redacts the token and its secret half', () => {
    expect(redactSecrets(`url /bot${token}/getMe`, [token])).toBe('url /bot[REDACTED]/getMe');
    expect(redactSecrets('TEST-token-abcdefghijklmnopqrstuvwxyz0123', [token])).toBe('[REDACTED]');
  });

  it('never writes the token, whatever is logged', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', secrets: [token], destination: { write: (l) => lines.push(l) } });
    logger.error({ err: new Error(`fetch https://api.telegram.org/bot${token}/getMe failed`) }, `token ${token}`);
    expect(lines.join('')).not.toContain('abcdefghijklmnopqrstuvwxyz0123');
    expect(lines.join('')).toContain('[REDACTED]');
  });
});
