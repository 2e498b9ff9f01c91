/**
 * Cheap checks over the locale files that catch wording regressions: both languages have the same
 * messages with the same variables, every key the code asks for exists, and the Vietnamese keeps
 * one register and never shows a member an admin command.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES_DIR, Translator } from '../../src/bot/i18n.js';

/** key → the message text (continuation lines joined with \n), from a .ftl file. */
function messages(locale: string): Map<string, string> {
  const out = new Map<string, string>();
  let key: string | null = null;
  for (const line of readFileSync(join(LOCALES_DIR, `${locale}.ftl`), 'utf8').split('\n')) {
    const start = /^([a-zA-Z][\w-]*) =(.*)$/.exec(line);
    if (start) {
      key = start[1]!;
      out.set(key, start[2]!.trim());
    } else if (key && /^\s+\S/.test(line)) {
      out.set(key, `${out.get(key)}\n${line.trim()}`.trim());
    } else {
      key = null;
    }
  }
  return out;
}

const vi = messages('vi');
const en = messages('en');
const variables = (text: string) => [...new Set([...text.matchAll(/\{\s*\$(\w+)/g)].map((m) => m[1]))].sort();

const checked = (map: Map<string, string>) => [...map];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('locale files', () => {
  it('Vietnamese and English have the same messages, with the same variables', () => {
    expect([...en.keys()].sort()).toEqual([...vi.keys()].sort());
    for (const [key, text] of vi) expect(variables(en.get(key) ?? ''), key).toEqual(variables(text));
  });

  it('has every message the code asks for by name', () => {
    const root = join(LOCALES_DIR, '..', 'src');
    const asked = new Set<string>();
    for (const file of sourceFiles(root)) {
      const code = readFileSync(file, 'utf8');
      // ctx.t('key'), t('key'), this.t(locale)('key'), refuse(ctx, 'key'), button(ctx, 'key')
      for (const m of code.matchAll(/(?:\bt|\)|refuse\(\w+,|button\(\w+,)\(?\s*'([a-z][a-z0-9_]*(?:-[a-z0-9_]+)+)'/g)) asked.add(m[1]!);
    }
    expect(asked.size).toBeGreaterThan(100);
    for (const key of asked) {
      expect(vi.has(key), `vi.ftl lacks ${key}`).toBe(true);
      expect(en.has(key), `en.ftl lacks ${key}`).toBe(true);
    }
  });

  it('never shows a command-line instruction to someone in the chat', () => {
    for (const [key, text] of [...checked(vi), ...checked(en)]) {
      expect(text, key).not.toMatch(/npm run|cli --|khởi động lại bot|restart the bot/i);
    }
  });

  it('keeps one polite register in Vietnamese: "Đồng chí vui lòng …", no "Đề nghị", "Hãy", "là xong"', () => {
    for (const [key, text] of checked(vi)) {
      expect(text, key).not.toMatch(/đề nghị|(^|\s)hãy\s|là xong/iu);
      expect(text, key).not.toMatch(/(^|[.;:!?]\s+)Vui lòng/u);
    }
  });

  it('never starts a Vietnamese sentence with a bare imperative ("Gõ …", "Bấm …"): "Đồng chí vui lòng gõ …"', () => {
    // A button label ("Chọn tổ chức đảng") has no sentence punctuation and is not a sentence.
    const bare = /(?:^|[.!?;]\s+|\n)(Gõ|Bấm|Chọn|Nhập|Mở)\s/u;
    for (const [key, text] of checked(vi)) if (/[.:?!]/.test(text)) expect(text, key).not.toMatch(bare);
  });

  it('says /cancel in English, where /huy would be a Vietnamese word', () => {
    for (const [key, text] of checked(en)) expect(text, key).not.toMatch(/\/huy\b(?!hop)/);
  });

  it('counts in English with the right number: "1 document", "3 documents"', () => {
    const translator = new Translator();
    const args = { title: 'T', branch: 'B', names: 'N', period: 'Q4 2026', deadline: 'D', list: '• X' };
    const one = (key: string) => translator.t('en', key, { ...args, count: 1 }).value;
    const three = (key: string) => translator.t('en', key, { ...args, count: 3 }).value;
    expect(one('meeting-card-docs')).toBe('📎 1 document');
    expect(three('meeting-card-docs')).toBe('📎 3 documents');
    expect(one('create-documents-added')).toMatch(/^1 document received\./);
    expect(one('notice-digest')).toContain('1 member of <b>B</b> has not confirmed');
    expect(three('notice-digest')).toContain('3 members of <b>B</b> have not confirmed');
    expect(one('report-nudge')).toContain('1 indicator still to report');
    expect(one('report-missing-title')).toContain('1 grassroots organisation has not reported');
    expect(three('report-missing-title')).toContain('3 grassroots organisations have not reported');
    expect(one('edit-series-done')).toContain('(1 upcoming meeting)');
    expect(one('delivery-failed-count')).toContain('1 recipient (');
    const summary = (people: number) => translator.t('en', 'broadcast-summary', { scope: 'S', people, private: 0, groups: 0, notLinked: 0, ack: 'no', when: 'now' }).value;
    expect(summary(1)).toContain('Recipients: 1 person ·');
    expect(summary(3)).toContain('Recipients: 3 people ·');
  });

  it('spells numerator and denominator out in Vietnamese, never a bare "tử/mẫu"', () => {
    for (const [key, text] of checked(vi)) expect(text, key).not.toMatch(/tử\s*\/\s*mẫu/u);
  });

  it('asks where a notice goes in the words of a Party office', () => {
    expect(vi.get('broadcast-ask-scope')).toBe('Gửi đến đối tượng nào?');
    expect(vi.get('broadcast-ask-people')).toBe('Gửi theo hình thức nào?');
  });
});
