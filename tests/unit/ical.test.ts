/**
 * The .ics file: lines folded at 75 octets (RFC 5545 §3.1) without splitting a character, and a
 * real parser (ical.js) reading back exactly the Vietnamese texts that went in.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { meetingCalendar } from '../../src/domain/ical.js';
import { foldLine, refoldIcal } from '../../src/domain/ical-fold.js';

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const physicalLines = (ics: string) => ics.split('\r\n');

describe('folding at 75 octets', () => {
  it('cuts a long line into pieces of at most 75 octets (continuations 74 + the space), at character boundaries', () => {
    const line = 'SUMMARY:' + 'Nghị quyết Đại hội Đảng bộ Khối nhiệm kỳ 2025–2030 về xây dựng Đảng '.repeat(4);
    const parts = foldLine(line);
    expect(parts.length).toBeGreaterThan(3);
    expect(octets(parts[0]!)).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(octets(p)).toBeLessThanOrEqual(74);
    // Nothing lost, nothing split: the pieces are whole strings that join back to the line.
    expect(parts.join('')).toBe(line);
    for (const p of parts) expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    // Pieces are as long as they can be: the next character would not have fitted.
    for (let i = 0; i < parts.length - 1; i++) {
      const next = Array.from(parts[i + 1]!)[0]!;
      expect(octets(parts[i]!) + octets(next)).toBeGreaterThan(i === 0 ? 75 : 74);
    }
  });

  it('keeps a three-octet letter and a four-octet emoji (a surrogate pair) whole at the boundary', () => {
    // 73 ASCII octets then "ữ" (3 octets): 76 > 75, so "ữ" starts the next line.
    const line = 'X'.repeat(73) + 'ữ' + 'abc';
    expect(foldLine(line)).toEqual(['X'.repeat(73), 'ữabc']);
    const emoji = 'Y'.repeat(72) + '📅' + 'z';
    expect(foldLine(emoji)).toEqual(['Y'.repeat(72), '📅z']);
    expect(foldLine('short')).toEqual(['short']);
    expect(foldLine('')).toEqual(['']);
  });

  it('unfolds whatever folding there was (CRLF + tab or space) and folds again with CRLF + space', () => {
    const folded = 'BEGIN:VCALENDAR\r\nSUMMARY:Sinh hoạt chuyên đề về học tập và làm theo tư tưởng\\, đạo đức\r\n\t phong cách\r\nEND:VCALENDAR\r\n';
    const out = refoldIcal(folded);
    expect(out.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(out).not.toContain('\t');
    for (const line of physicalLines(out)) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(out.replace(/\r\n /g, '')).toBe(folded.replace(/\r\n\t/g, ''));
  });
});

describe('the meeting calendar', () => {
  const summary =
    'Sinh hoạt chuyên đề quý IV/2026: “Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh” gắn với kiểm điểm, đánh giá, xếp loại đảng viên cuối năm';
  const location = 'Hội trường tầng 3, trụ sở Đảng ủy Khối các cơ quan tỉnh; số 12 đường Trần Hưng Đạo, phường Điện Biên';
  const description =
    'Sinh hoạt chi bộ kết hợp chuyên đề\nĐảng bộ Sở <Tài chính> & Chi bộ Công ty TNHH A&B\nKiểm điểm công tác tháng 11; triển khai nhiệm vụ tháng 12; thu đảng phí; 🗓 chuẩn bị Đại hội nhiệm kỳ 2025–2030';

  const calendar = () =>
    meetingCalendar(
      [
        {
          meeting: { id: 7, startsAt: new Date('2026-12-03T07:30:00Z'), durationMinutes: 120, title: summary, location, updatedAt: new Date('2026-11-20T03:04:05Z') },
          description,
        },
        {
          meeting: { id: 8, startsAt: new Date('2026-12-10T01:00:00Z'), durationMinutes: 90, title: 'Quán triệt nghị quyết', location: '', updatedAt: new Date('2026-11-21T00:00:00Z') },
          description: '',
        },
      ],
      { uidDomain: 'bloc_bot', calendarName: 'Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh – lịch họp của các tổ chức cơ sở đảng' },
    );

  it('has no physical line over 75 octets', () => {
    const ics = calendar();
    const lines = physicalLines(ics);
    const longest = Math.max(...lines.map(octets));
    expect(longest).toBeLessThanOrEqual(75);
    // Long texts really were folded (so the check above means something).
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(5);
  });

  it('reads back, through a real parser, exactly the Vietnamese summary, location, description and times', () => {
    const component = new ICAL.Component(ICAL.parse(calendar()));
    expect(component.getFirstPropertyValue('x-wr-calname')).toBe('Đảng bộ Khối các cơ quan và doanh nghiệp tỉnh – lịch họp của các tổ chức cơ sở đảng');
    const [first, second] = component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(first!.uid).toBe('meeting-7@bloc_bot');
    expect(first!.summary).toBe(summary);
    expect(first!.location).toBe(location);
    expect(first!.description).toBe(description);
    expect(first!.startDate.toJSDate()).toEqual(new Date('2026-12-03T07:30:00Z'));
    expect(first!.endDate.toJSDate()).toEqual(new Date('2026-12-03T09:30:00Z'));
    expect(second!.summary).toBe('Quán triệt nghị quyết');
    expect(second!.location).toBeNull();
  });

  it('is the same text for the same meetings (DTSTAMP is when each last changed), so a feed\'s ETag holds', async () => {
    const first = calendar();
    await new Promise((r) => setTimeout(r, 5));
    expect(calendar()).toBe(first);
    const stamps = new ICAL.Component(ICAL.parse(first)).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('dtstamp')!.toString());
    expect(stamps).toEqual(['2026-11-20T03:04:05Z', '2026-11-21T00:00:00Z']);
  });

  it('an empty calendar is still a calendar, with its name', () => {
    const component = new ICAL.Component(ICAL.parse(meetingCalendar([], { uidDomain: 'bloc_bot', calendarName: 'Đảng bộ Khối' })));
    expect(component.name).toBe('vcalendar');
    expect(component.getFirstPropertyValue('x-wr-calname')).toBe('Đảng bộ Khối');
    expect(component.getAllSubcomponents('vevent')).toEqual([]);
  });
});
