/**
 * Reports of the current quarter: organisations × indicators due, and for the office a reminder to
 * the organisations still missing some, behind a confirm step, with the server's answer shown.
 */
import { useState } from 'preact/hooks';
import type { RemindRequest, RemindResponse, ReportsResponse } from '../../contract.js';
import { ApiFailure, type FailureKind } from '../api.js';
import { DownloadButton, Empty, Failure, Loaded, SortableTable, useApp, useResource, type Column } from '../components/common.js';

type Row = ReportsResponse['rows'][number];

export function ReportsScreen() {
  const { t } = useApp();
  const reports = useResource<ReportsResponse>('reports');
  return (
    <Loaded resource={reports}>
      {(data) => (
        <>
          <div class="toolbar">
            <p class="subtitle">
              <strong>{data.periodLabel}</strong> · {t.deadline}: <strong data-deadline>{data.deadlineLabel}</strong>
            </p>
          </div>
          {data.indicators.length === 0 ? <Empty text={t.noIndicatorsDue} /> : <ReportsGrid data={data} reload={reports.state === 'ready' ? reports.reload : () => {}} />}
        </>
      )}
    </Loaded>
  );
}

function ReportsGrid({ data, reload }: { data: ReportsResponse; reload: () => void }) {
  const { t, api } = useApp();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [phase, setPhase] = useState<{ step: 'choose' } | { step: 'confirm' } | { step: 'sending' } | { step: 'done'; answer: RemindResponse } | { step: 'failed'; kind: FailureKind }>({ step: 'choose' });
  const missingRows = data.rows.filter((r) => r.missing > 0);
  const toggle = (orgId: number) => {
    const next = new Set(selected);
    if (next.has(orgId)) next.delete(orgId);
    else next.add(orgId);
    setSelected(next);
  };
  const send = async () => {
    setPhase({ step: 'sending' });
    try {
      const body: RemindRequest = { period: data.period, orgIds: [...selected] };
      const answer = await api.post<RemindResponse>('reports/remind', body);
      setPhase({ step: 'done', answer });
      setSelected(new Set());
      reload();
    } catch (error) {
      setPhase({ step: 'failed', kind: error instanceof ApiFailure ? error.kind : 'network' });
    }
  };
  const mark = (value: boolean | null | undefined) =>
    value === true ? (
      <span class="mark ok" title={t.reported} aria-label={t.reported}>
        ✓
      </span>
    ) : value === false ? (
      <span class="mark bad" title={t.missing} aria-label={t.missing}>
        ✗
      </span>
    ) : (
      <span class="mark none" title={t.notDue} aria-label={t.notDue}>
        –
      </span>
    );
  const columns: Column<Row>[] = [
    ...(data.canRemind
      ? [
          {
            key: 'select',
            label: '',
            cell: (r: Row) =>
              r.missing > 0 ? (
                <input type="checkbox" aria-label={`${t.select}: ${r.orgName}`} data-select={r.orgId} checked={selected.has(r.orgId)} onClick={(e) => e.stopPropagation()} onChange={() => toggle(r.orgId)} />
              ) : null,
          },
        ]
      : []),
    {
      key: 'org',
      label: t.organisation,
      sort: (r) => r.orgName,
      cell: (r) => (
        <span class="org">
          {r.orgName}
          {r.remindedAt && <span class="hint small"> · {t.remindedAt}</span>}
        </span>
      ),
    },
    { key: 'missing', label: t.missingCount, numeric: true, sort: (r) => r.missing, cell: (r) => (r.missing > 0 ? <strong class="bad-text">{r.missing}</strong> : '0') },
    ...data.indicators.map((indicator) => ({
      key: `i${indicator.id}`,
      label: indicator.code,
      sort: (r: Row) => (r.reported[indicator.id] === undefined || r.reported[indicator.id] === null ? null : r.reported[indicator.id] ? 1 : 0),
      cell: (r: Row) => mark(r.reported[indicator.id]),
    })),
  ];
  return (
    <>
      <p class="legend">
        <span>{mark(true)} {t.reported}</span> <span>{mark(false)} {t.missing}</span> <span>{mark(null)} {t.notDue}</span>
      </p>
      <details class="indicator-key">
        <summary>{t.indicatorKey}</summary>
        <ul>
          {data.indicators.map((i) => (
            <li key={i.id}>
              <span class="code">{i.code}</span> {i.title}
            </li>
          ))}
        </ul>
      </details>
      {missingRows.length === 0 && <p class="state ok-text">{t.allReported}</p>}
      {data.canRemind && missingRows.length > 0 && (
        <div class="remind" data-remind-phase={phase.step}>
          {phase.step === 'confirm' ? (
            <div class="confirm" role="alertdialog" aria-live="assertive">
              <p>{t.remindConfirm(selected.size, data.periodLabel)}</p>
              <div class="buttons">
                <button type="button" class="button" data-confirm onClick={send}>
                  {t.confirm}
                </button>
                <button type="button" class="button secondary" onClick={() => setPhase({ step: 'choose' })}>
                  {t.cancel}
                </button>
              </div>
            </div>
          ) : (
            <div class="buttons">
              <button type="button" class="button secondary" onClick={() => setSelected(selected.size > 0 ? new Set() : new Set(missingRows.map((r) => r.orgId)))}>
                {selected.size > 0 ? t.clearSelection : t.selectMissing}
              </button>
              <button type="button" class="button" data-remind disabled={selected.size === 0 || phase.step === 'sending'} onClick={() => setPhase({ step: 'confirm' })}>
                {phase.step === 'sending' ? t.sending : t.remind(selected.size)}
              </button>
            </div>
          )}
          {phase.step === 'done' && <RemindAnswer answer={phase.answer} data={data} />}
          {phase.step === 'failed' && <Failure kind={phase.kind} />}
        </div>
      )}
      <SortableTable name="reports" columns={columns} rows={data.rows} rowKey={(r) => r.orgId} initialSort={{ key: 'missing', descending: true }} stickyFirst={!data.canRemind} grid />
      <DownloadButton resource="reports" />
    </>
  );
}

function RemindAnswer({ answer, data }: { answer: RemindResponse; data: ReportsResponse }) {
  const { t } = useApp();
  const names = new Map(data.rows.map((r) => [r.orgId, r.orgName]));
  const reason = { already_reminded: t.skipAlready, nothing_missing: t.skipNothing, no_secretary: t.skipNoSecretary };
  return (
    <div class="answer" role="status" data-remind-answer>
      <p>{t.remindQueued(answer.queued)}</p>
      {answer.skipped.length > 0 && (
        <>
          <p>{t.remindSkipped(answer.skipped.length)}</p>
          <ul>
            {answer.skipped.map((s) => (
              <li key={s.orgId}>
                {names.get(s.orgId) ?? `#${s.orgId}`}: {reason[s.reason]}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
