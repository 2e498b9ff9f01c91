/**
 * Indicators: the resolution's indicators as cards; one indicator's chart and table by
 * organisation; one organisation's history of that indicator.
 */
import { useState } from 'preact/hooks';
import type { IndicatorCard, IndicatorDetail, IndicatorRow, IndicatorsResponse, OrganisationHistory } from '../../contract.js';
import { DownloadButton, Empty, Loaded, Section, SortableTable, useApp, useResource, type Column } from '../components/common.js';
import { SeriesChart } from '../components/series-chart.js';

export function IndicatorsScreen() {
  const { t, open } = useApp();
  const [resolutionId, setResolutionId] = useState<number | null>(null);
  const resource = `indicators${resolutionId === null ? '' : `?resolution=${resolutionId}`}`;
  const indicators = useResource<IndicatorsResponse>(resource);
  return (
    <Loaded resource={indicators}>
      {(data) =>
        !data.resolution ? (
          <Empty text={t.noResolution} />
        ) : (
          <>
            <div class="toolbar">
              {data.resolutions.length > 1 ? (
                <label class="select">
                  <span>{t.resolution}</span>
                  <select value={data.resolution.id} onChange={(e) => setResolutionId(Number(e.currentTarget.value))}>
                    {data.resolutions.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.name} ({r.termLabel})
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <p class="subtitle">
                  {data.resolution.name} · {data.resolution.termLabel}
                </p>
              )}
              {data.readOnly && <span class="badge muted">{t.readOnly}</span>}
            </div>
            {data.indicators.length === 0 ? (
              <Empty text={t.noIndicators} />
            ) : (
              <>
                <ul class="cards">
                  {data.indicators.map((indicator) => (
                    <li key={indicator.id}>
                      <button type="button" class="card" data-indicator={indicator.id} onClick={() => open({ screen: 'indicator', indicatorId: indicator.id })}>
                        <IndicatorSummary indicator={indicator} />
                      </button>
                    </li>
                  ))}
                </ul>
                <DownloadButton resource={resource} />
              </>
            )}
          </>
        )
      }
    </Loaded>
  );
}

function IndicatorSummary({ indicator, titled = true }: { indicator: IndicatorCard; titled?: boolean }) {
  const { t } = useApp();
  return (
    <>
      {titled && (
        <span class="card-title">
          <span class="code">{indicator.code}</span> {indicator.title}
        </span>
      )}
      <span class="card-figures">
        <strong class="figure">{indicator.valueLabel}</strong>
        <span class="hint">
          {t.target}: {indicator.targetLabel} · {indicator.periodLabel}
        </span>
      </span>
      <span class="card-foot">
        <span class={`badge status-${indicator.status}`}>{indicator.statusLabel}</span>
        <span class="hint">{t.reportedOf(indicator.reported, indicator.expected)}</span>
      </span>
    </>
  );
}

export function IndicatorScreen({ indicatorId, themeKey }: { indicatorId: number; themeKey: string }) {
  const { t, open } = useApp();
  const resource = `indicators/${indicatorId}`;
  const detail = useResource<IndicatorDetail>(resource);
  const trendLabel = { up: `↑ ${t.trendUp}`, down: `↓ ${t.trendDown}`, flat: `→ ${t.trendFlat}` };
  const columns: Column<IndicatorRow>[] = [
    { key: 'org', label: t.organisation, sort: (r) => r.orgName, cell: (r) => <span class="org">{r.orgName}</span> },
    { key: 'value', label: t.figure, numeric: true, sort: (r) => r.value, cell: (r) => r.valueLabel },
    { key: 'last', label: t.lastReport, sort: (r) => r.lastReportAt, cell: (r) => r.lastReportLabel ?? <span class="hint">{t.never}</span> },
    {
      key: 'trend',
      label: t.trend,
      sort: (r) => (r.trend === null ? null : { down: 0, flat: 1, up: 2 }[r.trend]),
      cell: (r) => (r.trend ? <span class={`trend trend-${r.trend}`}>{trendLabel[r.trend]}</span> : '—'),
    },
  ];
  return (
    <Loaded resource={detail}>
      {(data) => (
        <>
          <h2 class="screen-title">
            <span class="code">{data.indicator.code}</span> {data.indicator.title}
          </h2>
          <div class="card static">
            <IndicatorSummary indicator={data.indicator} titled={false} />
          </div>
          {data.series.length > 0 ? <SeriesChart indicator={data.indicator} series={data.series} themeKey={themeKey} /> : <Empty text={t.empty} />}
          <Section title={t.byOrganisation} actions={<DownloadButton resource={resource} />}>
            <SortableTable
              name="indicator-rows"
              columns={columns}
              rows={data.rows}
              rowKey={(r) => r.orgId}
              onRowClick={(r) => open({ screen: 'indicatorHistory', indicatorId, orgId: r.orgId })}
              stickyFirst
            />
          </Section>
        </>
      )}
    </Loaded>
  );
}

export function IndicatorHistoryScreen({ indicatorId, orgId }: { indicatorId: number; orgId: number }) {
  const { t } = useApp();
  const resource = `indicators/${indicatorId}/organisations/${orgId}`;
  const history = useResource<OrganisationHistory>(resource, false);
  type Row = OrganisationHistory['rows'][number];
  const columns: Column<Row>[] = [
    { key: 'period', label: t.period, sort: (r) => r.period, cell: (r) => r.periodLabel },
    { key: 'value', label: t.figure, numeric: true, sort: (r) => r.numerator, cell: (r) => r.valueLabel },
    { key: 'note', label: t.note, cell: (r) => r.note ?? '' },
  ];
  return (
    <Loaded resource={history}>
      {(data) => (
        <>
          <h2 class="screen-title">{data.organisation.name}</h2>
          <p class="subtitle">
            <span class="code">{data.indicator.code}</span> {data.indicator.title}
          </p>
          <Section title={t.history} actions={<DownloadButton resource={resource} filtered={false} />}>
            {data.rows.length === 0 ? (
              <Empty text={t.noHistory} />
            ) : (
              <SortableTable name="history" columns={columns} rows={data.rows} rowKey={(r) => r.period} initialSort={{ key: 'period', descending: true }} />
            )}
          </Section>
        </>
      )}
    </Loaded>
  );
}
