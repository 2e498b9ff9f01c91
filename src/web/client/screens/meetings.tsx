/**
 * Meetings: for each organisation the last twelve months of regular meetings, the thematic meeting
 * of each quarter and the attendance, as one grid; the members absent three times without a
 * reason. A plain member sees their own meetings instead.
 */
import type { MeetingMark, MeetingsResponse } from '../../contract.js';
import { DownloadButton, Empty, Loaded, Section, SortableTable, useApp, useResource, type Column } from '../components/common.js';
import { percent } from '../i18n.js';

type Row = MeetingsResponse['rows'][number];
type Absentee = MeetingsResponse['absentees'][number];
type Mine = MeetingsResponse['mine'][number];

export function MeetingsScreen() {
  const { me } = useApp();
  const meetings = useResource<MeetingsResponse>('meetings');
  return <Loaded resource={meetings}>{(data) => (me.view === 'member' ? <MyMeetings mine={data.mine} /> : <MeetingsGrid data={data} />)}</Loaded>;
}

function MyMeetings({ mine }: { mine: Mine[] }) {
  const { t, me } = useApp();
  // The server's today (its clock, in Asia/Ho_Chi_Minh), not the phone's.
  const todayStarts = Date.parse(`${me.today}T00:00:00+07:00`);
  const columns: Column<Mine>[] = [
    { key: 'when', label: t.time, sort: (m) => m.startsAt, cell: (m) => m.whenLabel },
    { key: 'title', label: t.content, cell: (m) => m.title },
    { key: 'kind', label: t.kind, cell: (m) => m.kindLabel },
    {
      key: 'attended',
      label: t.presence,
      cell: (m) => (m.attended === true ? <span class="ok-text">{t.attended}</span> : m.attended === false ? <span class="bad-text">{t.absent}</span> : <span class="hint">{Date.parse(m.startsAt) >= todayStarts ? t.upcoming : '—'}</span>),
    },
  ];
  return (
    <Section title={t.myMeetings} actions={<DownloadButton resource="meetings" />}>
      {mine.length === 0 ? <Empty text={t.noMyMeetings} /> : <SortableTable name="my-meetings" columns={columns} rows={mine} rowKey={(m) => m.id} initialSort={{ key: 'when', descending: true }} />}
    </Section>
  );
}

function MeetingsGrid({ data }: { data: MeetingsResponse }) {
  const { t, lang } = useApp();
  const label: Record<MeetingMark, string> = { held: t.held, missed: t.missed, planned: t.planned, none: t.noMeeting };
  const symbol: Record<MeetingMark, string> = { held: '●', missed: '✗', planned: '○', none: '·' };
  const cell = (mark: MeetingMark, docsEarly: boolean | null = null, extra = '') => (
    <span class={`meet meet-${mark}${docsEarly ? ' docs-early' : ''}`} title={`${label[mark]}${docsEarly ? `; ${t.docsEarly}` : ''}${extra}`} aria-label={label[mark]}>
      {symbol[mark]}
    </span>
  );
  const columns: Column<Row>[] = [
    { key: 'org', label: t.organisation, sort: (r) => r.orgName, cell: (r) => <span class="org">{r.orgName}</span> },
    ...data.months.map((m, i) => ({
      key: `m${m.month}`,
      label: m.label.replace(/\/\d{2}(\d{2})$/, '/$1'),
      cell: (r: Row) => {
        const month = r.months[i];
        return month ? cell(month.regular, month.docsEarly, month.attendanceRate === null ? '' : `; ${t.attendance} ${percent(month.attendanceRate, lang)}`) : null;
      },
    })),
    ...data.quarters.map((q, i) => ({
      key: `q${q.quarter}`,
      label: q.label,
      cell: (r: Row) => {
        const quarter = r.quarters[i];
        return quarter ? cell(quarter.thematic) : null;
      },
    })),
    { key: 'attendance', label: t.attendance, numeric: true, sort: (r) => r.attendanceRate, cell: (r) => percent(r.attendanceRate, lang) },
  ];
  const absentColumns: Column<Absentee>[] = [
    { key: 'name', label: t.member, sort: (a) => a.name, cell: (a) => a.name },
    { key: 'org', label: t.organisation, sort: (a) => a.orgName, cell: (a) => a.orgName },
    { key: 'absences', label: t.absences, numeric: true, sort: (a) => a.absences, cell: (a) => a.absences },
  ];
  return (
    <>
      {data.rows.length === 0 ? (
        <Empty text={t.noMeetings} />
      ) : (
        <Section title={`${t.regular} · ${t.thematic}`} actions={<DownloadButton resource="meetings" />}>
          <p class="legend">
            <span>{cell('held')} {t.held}</span> <span>{cell('missed')} {t.missed}</span> <span>{cell('planned')} {t.planned}</span>{' '}
            <span>
              <span class="meet meet-held docs-early">●</span> {t.docsEarly}
            </span>
          </p>
          <SortableTable name="meetings" columns={columns} rows={data.rows} rowKey={(r) => r.orgId} stickyFirst grid />
        </Section>
      )}
      <Section title={t.absentees}>
        {data.absentees.length === 0 ? (
          <Empty text={t.noAbsentees} />
        ) : (
          <SortableTable name="absentees" columns={absentColumns} rows={data.absentees} rowKey={(a) => a.memberId} initialSort={{ key: 'absences', descending: true }} />
        )}
      </Section>
    </>
  );
}
