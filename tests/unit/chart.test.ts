import { describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH, escapeXml, indicatorChartSvg, renderIndicatorChart, type IndicatorChartInput } from '../../src/bot/render/chart.js';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which always comes first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const admissions: IndicatorChartInput = {
  title: 'KN-DV · Kết nạp đảng viên mới',
  unit: 'đảng viên',
  kind: 'term_count',
  target: 1200,
  years: [
    { label: '2020', value: 96 },
    { label: '2021', value: 331 },
    { label: '2022', value: 572 },
    { label: '2023', value: 810 },
    { label: '2024', value: 1041 },
    { label: '2025', value: 1236 },
  ],
};

describe('renderIndicatorChart', () => {
  it('renders a PNG of the expected size', () => {
    const png = renderIndicatorChart(admissions);
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(pngSize(png)).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(CHART_WIDTH).toBe(900);
    expect(CHART_HEIGHT).toBe(500);
  });

  it('escapes names that are not valid XML as they stand', () => {
    const input: IndicatorChartInput = {
      ...admissions,
      title: 'Kết nạp đảng viên mới · Chi bộ Công ty TNHH A&B <Hà Nội>',
      unit: 'đảng viên "ưu tú"',
      branches: [
        { label: 'Chi bộ Công ty TNHH A&B <Hà Nội>', value: 40 },
        { label: "Đảng bộ Sở <Tài chính> & 'Kế hoạch'", value: 25 },
        { label: 'Chi bộ chưa báo cáo', value: null },
      ],
    };
    const svg = indicatorChartSvg(input);
    expect(svg).toContain('Chi bộ Công ty TNHH A&amp;B &lt;Hà Nội&gt;');
    expect(svg).not.toContain('<Hà Nội>');
    const png = renderIndicatorChart(input);
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    // The branch panel adds height below the years.
    const { width, height } = pngSize(png);
    expect(width).toBe(CHART_WIDTH);
    expect(height).toBeGreaterThan(CHART_HEIGHT);
  });

  it('changes when a value changes', () => {
    const a = renderIndicatorChart(admissions);
    const b = renderIndicatorChart({ ...admissions, years: admissions.years.map((y, i) => (i === 5 ? { ...y, value: 1100 } : y)) });
    expect(a.equals(b)).toBe(false);
    expect(renderIndicatorChart(admissions).equals(a)).toBe(true);
  });

  it('labels percents with a decimal comma and counts with thousands dots', () => {
    const svg = indicatorChartSvg({
      title: 'DG-DV · Đảng viên hoàn thành tốt nhiệm vụ trở lên',
      unit: '%',
      kind: 'yearly_percent',
      target: 90,
      years: [
        { label: '2024', value: 88.44 },
        { label: '2025', value: null },
      ],
    });
    expect(svg).toContain('>88,4%<');
    expect(svg).toContain('≥ 90%');
    expect(svg).toContain('chưa có số liệu');
    expect(indicatorChartSvg(admissions)).toContain('>1.236<');
  });

  it('shows the best and the worst five of many branches', () => {
    const branches = Array.from({ length: 14 }, (_, i) => ({ label: `Chi bộ số ${i + 1}`, value: i * 3 }));
    const svg = indicatorChartSvg({ ...admissions, branches });
    expect(svg).toContain('5 cao nhất và 5 thấp nhất (trong 14)');
    expect(svg).toContain('1. Chi bộ số 14');
    expect(svg).toContain('14. Chi bộ số 1<');
    expect(svg).not.toContain('Chi bộ số 8<');
  });

  it('renders an upper bound of zero and an empty chart without failing', () => {
    const bound = renderIndicatorChart({
      title: 'KHT-TCCS · Tổ chức cơ sở đảng không hoàn thành nhiệm vụ',
      unit: 'tổ chức',
      kind: 'upper_bound',
      target: 0,
      years: [
        { label: '2024', value: 0 },
        { label: '2025', value: 1 },
      ],
    });
    expect(pngSize(bound).width).toBe(CHART_WIDTH);
    const empty = renderIndicatorChart({ ...admissions, years: [] });
    expect(pngSize(empty).height).toBe(CHART_HEIGHT);
  });
});

describe('escapeXml', () => {
  it('escapes the five XML specials', () => {
    expect(escapeXml(`A&B <x> "y" 'z'`)).toBe('A&amp;B &lt;x&gt; &quot;y&quot; &apos;z&apos;');
  });
});
