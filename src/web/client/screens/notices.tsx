/**
 * Notices: each notice's delivery and acknowledgement counts; by organisation; then the people of
 * one organisation. A plain member sees the notices sent to them and whether they acknowledged.
 */
import type { NoticeCounts, NoticeDetail, NoticeOrganisationDetail, NoticesResponse, NoticeSummary } from '../../contract.js';
import { DownloadButton, Empty, Loaded, Section, SortableTable, useApp, useResource, type Column } from '../components/common.js';

export function NoticesScreen() {
  const { t, me, open } = useApp();
  const notices = useResource<NoticesResponse>('notices');
  const drills = me.view !== 'member';
  return (
    <Loaded resource={notices}>
      {(data) =>
        data.notices.length === 0 ? (
          <Empty text={t.noNotices} />
        ) : (
          <>
            <ul class="cards">
              {data.notices.map((notice) => (
                <li key={notice.id}>
                  {drills ? (
                    <button type="button" class="card" data-notice={notice.id} onClick={() => open({ screen: 'notice', noticeId: notice.id })}>
                      <NoticeSummaryView notice={notice} />
                    </button>
                  ) : (
                    <div class="card static" data-notice={notice.id}>
                      <NoticeSummaryView notice={notice} />
                    </div>
                  )}
                </li>
              ))}
            </ul>
            <DownloadButton resource="notices" />
          </>
        )
      }
    </Loaded>
  );
}

function NoticeSummaryView({ notice }: { notice: NoticeSummary }) {
  const { t, me } = useApp();
  return (
    <>
      <span class="card-title">{notice.title}</span>
      <span class="hint">
        {notice.sentLabel ?? t.notSent} · {notice.authorLabel}
      </span>
      {me.view === 'member' ? (
        notice.requireAck && (
          <span class={`badge ${notice.acknowledgedByMe ? 'status-reached' : 'status-behind'}`}>{notice.acknowledgedByMe ? t.youAcknowledged : t.youNotAcknowledged}</span>
        )
      ) : (
        <Counts counts={notice} requireAck={notice.requireAck} />
      )}
    </>
  );
}

function Counts({ counts, requireAck }: { counts: NoticeCounts; requireAck: boolean }) {
  const { t } = useApp();
  return (
    <span class="counts">
      <span data-count="delivered">
        {t.delivered} <strong>{counts.delivered}</strong>/{counts.recipients}
      </span>
      {counts.unreachable > 0 && (
        <span data-count="unreachable" class="bad-text">
          {t.unreachable} <strong>{counts.unreachable}</strong>
        </span>
      )}
      {counts.notLinked > 0 && (
        <span data-count="notLinked">
          {t.notLinked} <strong>{counts.notLinked}</strong>
        </span>
      )}
      {requireAck && (
        <span data-count="acknowledged">
          {t.acknowledged} <strong>{counts.acknowledged}</strong>/{counts.recipients}
        </span>
      )}
    </span>
  );
}

type OrgRow = NoticeDetail['organisations'][number];

export function NoticeScreen({ noticeId }: { noticeId: number }) {
  const { t, open } = useApp();
  const resource = `notices/${noticeId}`;
  const detail = useResource<NoticeDetail>(resource);
  const columns = (requireAck: boolean): Column<OrgRow>[] => [
    { key: 'org', label: t.organisation, sort: (r) => r.orgName, cell: (r) => <span class="org">{r.orgName}</span> },
    { key: 'recipients', label: t.recipients, numeric: true, sort: (r) => r.recipients, cell: (r) => r.recipients },
    { key: 'delivered', label: t.delivered, numeric: true, sort: (r) => r.delivered, cell: (r) => r.delivered },
    { key: 'unreachable', label: t.unreachable, numeric: true, sort: (r) => r.unreachable, cell: (r) => r.unreachable },
    { key: 'notLinked', label: t.notLinked, numeric: true, sort: (r) => r.notLinked, cell: (r) => r.notLinked },
    ...(requireAck ? [{ key: 'acknowledged', label: t.acknowledged, numeric: true, sort: (r: OrgRow) => r.acknowledged, cell: (r: OrgRow) => r.acknowledged }] : []),
  ];
  return (
    <Loaded resource={detail}>
      {(data) => (
        <>
          <h2 class="screen-title">{data.notice.title}</h2>
          <p class="subtitle">
            {data.notice.sentLabel ?? t.notSent} · {data.notice.authorLabel}
          </p>
          <div class="card static">
            <Counts counts={data.notice} requireAck={data.notice.requireAck} />
          </div>
          {data.reasons.length > 0 && (
            <Section title={t.reasons}>
              <ul class="reasons">
                {data.reasons.map((r) => (
                  <li key={r.reason}>
                    {r.label}: <strong>{r.count}</strong>
                  </li>
                ))}
              </ul>
            </Section>
          )}
          <Section title={t.byOrganisation} actions={<DownloadButton resource={resource} />}>
            <SortableTable
              name="notice-organisations"
              columns={columns(data.notice.requireAck)}
              rows={data.organisations}
              rowKey={(r) => r.orgId}
              onRowClick={(r) => open({ screen: 'noticeOrganisation', noticeId, orgId: r.orgId })}
              stickyFirst
            />
          </Section>
        </>
      )}
    </Loaded>
  );
}

type Person = NoticeOrganisationDetail['people'][number];

export function NoticeOrganisationScreen({ noticeId, orgId }: { noticeId: number; orgId: number }) {
  const { t } = useApp();
  const resource = `notices/${noticeId}/organisations/${orgId}`;
  const detail = useResource<NoticeOrganisationDetail>(resource, false);
  const columns: Column<Person>[] = [
    { key: 'name', label: t.member, sort: (p) => p.name, cell: (p) => p.name },
    { key: 'delivery', label: t.delivery, sort: (p) => p.deliveryLabel, cell: (p) => <span class={p.delivery === 'delivered' ? undefined : 'bad-text'}>{p.deliveryLabel}</span> },
    {
      key: 'ack',
      label: t.acknowledged,
      // Those who have not acknowledged come first: they are whom the office calls.
      sort: (p) => (p.acknowledgedAt ? 1 : 0),
      cell: (p) => (p.acknowledgedAt ? <span class="ok-text">✓</span> : <span class="bad-text">{t.notAcknowledged}</span>),
    },
  ];
  return (
    <Loaded resource={detail}>
      {(data) => (
        <>
          <h2 class="screen-title">{data.organisation.name}</h2>
          <p class="subtitle">{data.notice.title}</p>
          <Section title={t.people} actions={<DownloadButton resource={resource} filtered={false} />}>
            {data.people.length === 0 ? (
              <Empty text={t.empty} />
            ) : (
              <SortableTable name="notice-people" columns={columns} rows={data.people} rowKey={(p) => p.name} initialSort={{ key: 'ack' }} />
            )}
          </Section>
        </>
      )}
    </Loaded>
  );
}
