import { describe, expect, it } from 'vitest';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  escapeXml,
  indicatorChartSvg,
  percentScale,
  renderIndicatorChart,
  STATUS_COLORS,
  textWidth,
  type IndicatorChartInput,
} from '../../src/bot/render/chart.js';
import { Translator } from '../../src/bot/i18n.js';
import { chartInput } from '../../src/bot/render/indicators.js';
import type { Indicator, Resolution } from '../../src/services/indicators.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const translator = new Translator();
const vi = translator.for('vi');
const en = translator.for('en');
const svg = (input: IndicatorChartInput, locale: 'vi' | 'en' = 'vi') => indicatorChartSvg(input, locale === 'vi' ? vi : en, locale);
const png = (input: IndicatorChartInput) => renderIndicatorChart(input, vi, 'vi');

/** Width and height from the IHDR chunk, which always comes first. */
function pngSize(image: Buffer): { width: number; height: number } {
  expect(image.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: image.readUInt32BE(16), height: image.readUInt32BE(20) };
}

/** The old term's admissions, as /chitieu KN-DV 2020-2025 shows them. */
const admissions: IndicatorChartInput = {
  title: 'Kết nạp đảng viên mới',
  kind: 'term_count',
  unit: 'đảng viên',
  target: 1200,
  targetText: '1.200 đảng viên',
  term: { startYear: 2020, endYear: 2025 },
  period: '2025-Q4',
  over: true,
  years: [
    { year: 2020, value: 96, status: 'behind', period: '2020-Q4', partial: false },
    { year: 2021, value: 331, status: 'behind', period: '2021-Q4', partial: false },
    { year: 2022, value: 572, status: 'behind', period: '2022-Q4', partial: false },
    { year: 2023, value: 810, status: 'on_track', period: '2023-Q4', partial: false },
    { year: 2024, value: 1041, status: 'on_track', period: '2024-Q4', partial: false },
    { year: 2025, value: 1236, status: 'reached', period: '2025-Q4', partial: false },
  ],
};

/** Members rated well, in November 2026 of 2025–2030: the year under way waits for its rating. */
const ratings: IndicatorChartInput = {
  title: 'Đảng viên hoàn thành tốt nhiệm vụ trở lên',
  kind: 'yearly_percent',
  unit: '%',
  target: 90,
  targetText: 'từ 90% trở lên',
  term: { startYear: 2025, endYear: 2030 },
  period: '2026-Q4',
  over: false,
  years: [
    { year: 2025, value: 91.8, status: 'reached', period: '2025-Q4', partial: false },
    { year: 2026, value: 88.4, status: 'pending', period: '2026-Q4', partial: true },
  ],
  branches: [
    { label: 'Chi bộ Ban Tuyên giáo Tỉnh ủy', value: 94, status: 'reached' },
    { label: 'Chi bộ Trung tâm <Dữ liệu> số', value: 93.9, status: 'reached' },
    { label: 'Chi bộ Tỉnh đoàn', value: 90.3, status: 'reached' },
    { label: 'Chi bộ Công ty TNHH A&B', value: 90, status: 'reached' },
    { label: 'Chi bộ Ủy ban Kiểm tra Tỉnh ủy', value: 89.9, status: 'pending' },
    { label: 'Chi bộ Sở Nội vụ', value: 88.6, status: 'pending' },
  ],
};

interface Label {
  role: string;
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The labels the chart marks with a role, as boxes (the chart's own width estimate). */
function labels(source: string): Label[] {
  const out: Label[] = [];
  for (const m of source.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)) {
    const attrs = m[1]!;
    const role = /data-role="([^"]+)"/.exec(attrs)?.[1];
    if (!role) continue;
    const x = Number(/ x="([^"]+)"/.exec(` ${attrs}`)![1]);
    const y = Number(/ y="([^"]+)"/.exec(` ${attrs}`)![1]);
    const size = Number(/font-size="([^"]+)"/.exec(attrs)![1]);
    const anchor = /text-anchor="([^"]+)"/.exec(attrs)?.[1] ?? 'start';
    const text = m[2]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const w = textWidth(text, size, attrs.includes('font-weight="bold"'));
    const x0 = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
    out.push({ role, text, x0, x1: x0 + w, y0: y - size, y1: y + size * 0.3 });
  }
  return out;
}

const overlaps = (a: Label, b: Label) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** Circles with their centres and colours, in drawing order. */
function dots(source: string): { cx: number; cy: number; color: string; hollow: boolean }[] {
  return [...source.matchAll(/<circle cx="([^"]+)" cy="([^"]+)" r="[^"]+" fill="([^"]+)" stroke="([^"]+)"/g)].map((m) => ({
    cx: Number(m[1]),
    cy: Number(m[2]),
    color: m[4]!,
    hollow: m[3] === '#ffffff',
  }));
}

describe('renderIndicatorChart', () => {
  it('renders a PNG of the expected size', async () => {
    const image = await png(admissions);
    expect(image.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(pngSize(image)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(CHART_WIDTH).toBe(900);
    expect(CHART_HEIGHT).toBe(500);
  });

  it('escapes names that are not valid XML as they stand', async () => {
    const input: IndicatorChartInput = {
      ...admissions,
      title: 'Kết nạp đảng viên mới · Chi bộ Công ty TNHH A&B <Hà Nội>',
      unit: 'đảng viên "ưu tú"',
      branches: [
        { label: 'Chi bộ Công ty TNHH A&B <Hà Nội>', value: 40, status: null },
        { label: "Đảng bộ Sở <Tài chính> & 'Kế hoạch'", value: 25, status: null },
        { label: 'Chi bộ chưa báo cáo', value: null, status: null },
      ],
    };
    const source = svg(input);
    expect(source).toContain('Chi bộ Công ty TNHH A&amp;B &lt;Hà Nội&gt;');
    expect(source).not.toContain('<Hà Nội>');
    const image = await png(input);
    expect(image.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    // The branch panel adds height below the years.
    const { width, height } = pngSize(image);
    expect(width).toBe(CHART_WIDTH);
    expect(height).toBeGreaterThan(CHART_HEIGHT);
  });

  it('changes when a value changes', async () => {
    const a = await png(admissions);
    const b = await png({ ...admissions, years: admissions.years.map((y, i) => (i === 5 ? { ...y, value: 1100 } : y)) });
    expect(a.equals(b)).toBe(false);
    expect((await png(admissions)).equals(a)).toBe(true);
  });

  it('writes numbers the way of its language: decimal comma and thousands dots, or the English way', () => {
    expect(svg(ratings)).toContain('>88,4%<');
    expect(svg(admissions)).toContain('>1.236<');
    expect(svg(ratings, 'en')).toContain('>88.4%<');
    expect(svg(admissions, 'en')).toContain('>1,236<');
    expect(svg({ ...ratings, years: [{ ...ratings.years[0]!, value: null }] })).toContain('chưa có số liệu');
  });

  it('names the indicator without its code and says the term and the period', () => {
    const indicator = { code: 'KN-DV', title: 'Kết nạp đảng viên mới', kind: 'term_count', unit: 'đảng viên', target: 1300, targetYear: null } as Indicator;
    const resolution = { termStartYear: 2025, termEndYear: 2030 } as Resolution;
    const input = chartInput(vi, 'vi', { indicator, resolution, period: '2026-Q4', over: false, years: [], breakdown: [] });
    expect(input.title).toBe('Kết nạp đảng viên mới');
    const source = svg({ ...input, years: [{ year: 2025, value: 52, status: 'behind', period: '2025-Q4', partial: false }] });
    expect(source).not.toContain('KN-DV');
    expect(source).toContain('Nhiệm kỳ 2025–2030 · số liệu đến quý IV/2026');
    expect(source).toContain('Chỉ tiêu cả nhiệm kỳ: 1.300 đảng viên (số lũy kế)');
    expect(svg(admissions)).toContain('Nhiệm kỳ 2020–2025 (đã kết thúc) · số liệu cuối cùng: quý IV/2025');
    expect(svg(ratings, 'en')).toContain('2025–2030 term · figures up to Q4 2026');
  });

  it('spreads a percentage scale where the figures are: 88.6% and 94% look as far apart as they are', () => {
    expect(percentScale([90, 88.6, 94])).toMatchObject({ lo: 86, hi: 100 });
    expect(percentScale([80, 46, 85.4]).lo).toBe(40);
    expect(percentScale([100, 10]).lo).toBe(0);
    const branchDots = dots(svg(ratings)).slice(-6);
    const at = (value: number) => branchDots[ratings.branches!.findIndex((b) => b.value === value)]!.cx;
    // The branch marks run from x = 400 to 770: 94 and 88.6 are more than a third of it apart.
    expect(at(94) - at(88.6)).toBeGreaterThan(370 / 3);
    // The years too: 91.8 and 88.4 are more than a fifth of the plot's height apart.
    const [y2025, y2026] = dots(svg(ratings)).slice(0, 2);
    expect(y2026!.cy - y2025!.cy).toBeGreaterThan(60);
  });

  it('keeps the target label clear of every value label, and the target line clear of the organisations’ values', () => {
    const nearTarget: IndicatorChartInput[] = [
      // A count ending at its target at the very end of the term.
      { ...admissions, years: admissions.years.map((y, i) => (i === 5 ? { ...y, value: 1200 } : y)) },
      { ...ratings, years: [...ratings.years, { year: 2030, value: 90, status: 'reached', period: '2030-Q4', partial: false }] },
      { ...ratings, kind: 'percent_by_date', target: 100, targetText: 'từ 100% trở lên', years: [{ year: 2025, value: 100, status: 'reached', period: '2025-Q4', partial: false }] },
    ];
    for (const input of nearTarget) {
      const all = labels(svg(input));
      const targets = all.filter((l) => l.role === 'target-label');
      const values = all.filter((l) => l.role === 'value' || l.role === 'branch-value');
      expect(targets.length).toBe(2);
      expect(values.length).toBeGreaterThan(0);
      for (const t of targets) for (const v of values) expect(overlaps(t, v), `${t.text} over ${v.text}`).toBe(false);
    }
    const source = svg(ratings);
    const line = /<line x1="([^"]+)" y1="[^"]+" x2="\1" y2="[^"]+" stroke="#c62828"/.exec(source);
    expect(line).not.toBeNull();
    const x = Number(line![1]);
    for (const v of labels(source).filter((l) => l.role === 'branch-value')) expect(x < v.x0 || x > v.x1, v.text).toBe(true);
  });

  it('colours every mark by the status the text gives it', () => {
    const source = svg(ratings);
    const [y2025, y2026] = dots(source);
    expect(y2025!.color).toBe(STATUS_COLORS.reached);
    expect(y2026!.color).toBe(STATUS_COLORS.pending);
    // The roll-out of 2025 that ended at 71.4% is missed: red, as "🔴 Không đạt" says, not orange.
    const rollout = svg({
      ...ratings,
      kind: 'percent_by_date',
      target: 100,
      targetText: 'từ 100% trở lên',
      years: [
        { year: 2025, value: 71.4, status: 'missed', period: '2025-Q4', partial: false },
        { year: 2026, value: 100, status: 'reached', period: '2026-Q4', partial: true },
      ],
    });
    expect(dots(rollout)[0]!.color).toBe(STATUS_COLORS.missed);
    expect(rollout).toContain('>Không đạt<');
    // The legend names the statuses shown, in words.
    expect(source).toContain('>Đạt<');
    expect(source).toContain('>Chờ đánh giá cuối năm<');
    // A count's bars take their status's colour too.
    const bound = svg({
      ...ratings,
      kind: 'upper_bound',
      target: 0,
      targetText: 'không có tổ chức nào',
      branches: undefined,
      years: [
        { year: 2025, value: 1, status: 'missed', period: '2025-Q4', partial: false },
        { year: 2026, value: 0, status: 'on_track', period: '2026-Q4', partial: true },
      ],
    });
    expect(bound).toContain(`fill="${STATUS_COLORS.missed}"`);
    expect(bound).toContain(`fill="${STATUS_COLORS.on_track}"`);
  });

  it('marks the year under way as partial', () => {
    const source = svg(ratings);
    expect(source).toContain('(đến quý IV)');
    expect(dots(source)[1]!.hollow).toBe(true);
    expect(dots(source)[0]!.hollow).toBe(false);
    expect(svg(ratings, 'en')).toContain('(up to Q4)');
    expect(svg(admissions)).not.toContain('(đến quý');
  });

  it('draws a cumulative count as a line against the straight pace from 0 to the target', () => {
    const source = svg(admissions);
    const line = /<polyline points="([^"]+)" fill="none" stroke="([^"]+)"/.exec(source);
    expect(line).not.toBeNull();
    const points = line![1]!.split(' ').map((p) => p.split(',').map(Number) as [number, number]);
    // From 0 at the term's start through each year's end.
    expect(points).toHaveLength(7);
    expect(points[0]![1]).toBeGreaterThan(points[6]![1]);
    expect(line![2]).toBe(STATUS_COLORS.reached);
    // The pace: a dotted line from the start at 0 to the target at the term's end.
    const pace = /<line x1="([^"]+)" y1="([^"]+)" x2="([^"]+)" y2="([^"]+)" stroke="#7b8794" stroke-width="2" stroke-dasharray="3 5"/.exec(source);
    expect(pace).not.toBeNull();
    expect([Number(pace![1]), Number(pace![2])]).toEqual(points[0]);
    const target = /<line x1="[^"]+" y1="([^"]+)" x2="[^"]+" y2="\1" stroke="#c62828"/.exec(source);
    expect(Number(pace![4])).toBe(Number(target![1]));
    expect(source).toContain('tiến độ đều đến chỉ tiêu');
  });

  it('lists the highest and lowest five of many organisations; most first for a bound', () => {
    const branches = Array.from({ length: 14 }, (_, i) => ({ label: `Chi bộ số ${i + 1}`, value: i * 3, status: null }));
    const counts = svg({ ...admissions, branches });
    expect(counts).toContain('5 nhiều nhất và 5 ít nhất (trong 14)');
    expect(counts).toContain('1. Chi bộ số 14');
    expect(counts).toContain('14. Chi bộ số 1<');
    expect(counts).not.toContain('Chi bộ số 8<');
    const percents = svg({ ...ratings, branches: branches.map((b) => ({ ...b, value: 60 + b.value })) });
    expect(percents).toContain('5 cao nhất và 5 thấp nhất (trong 14)');
    const bound = svg({
      ...admissions,
      kind: 'upper_bound',
      target: 0,
      targetText: 'không có tổ chức nào',
      branches: [
        { label: 'Chi bộ A', value: 0, status: 'on_track' },
        { label: 'Chi bộ B', value: 1, status: 'missed' },
        { label: 'Chi bộ C', value: 0, status: 'on_track' },
      ],
    });
    expect(bound.indexOf('1. Chi bộ B')).toBeGreaterThan(0);
  });

  it('says in one line that every organisation stands at 0, instead of ranking ten zeros', () => {
    const zeros = Array.from({ length: 14 }, (_, i) => ({ label: `Chi bộ số ${i + 1}`, value: 0, status: 'on_track' as const }));
    const source = svg({ ...admissions, kind: 'upper_bound', target: 0, targetText: 'không có tổ chức nào', branches: zeros });
    expect(source).toContain('Cả 14 tổ chức cơ sở đảng đều ở mức 0 (số liệu gần nhất).');
    expect(source).not.toContain('1. Chi bộ số');
    expect(source).not.toContain('cao nhất');
  });

  it('renders an upper bound of zero and an empty chart without failing', async () => {
    const bound = await png({
      ...admissions,
      title: 'Tổ chức cơ sở đảng không hoàn thành nhiệm vụ',
      unit: 'tổ chức',
      kind: 'upper_bound',
      target: 0,
      targetText: 'không có tổ chức nào',
      years: [
        { year: 2024, value: 0, status: 'reached', period: '2024-Q4', partial: false },
        { year: 2025, value: 1, status: 'missed', period: '2025-Q4', partial: false },
      ],
    });
    expect(pngSize(bound).width).toBe(CHART_WIDTH);
    const empty = await png({ ...admissions, years: [] });
    expect(pngSize(empty).height).toBe(CHART_HEIGHT);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`A&B <x> "y" 'z'`)).toBe('A&amp;B &lt;x&gt; &quot;y&quot; &apos;z&apos;');
  });
});
