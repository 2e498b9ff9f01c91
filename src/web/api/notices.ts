/**
 * GET /app/api/notices, /notices/:id, /notices/:id/organisations/:orgId: the latest notices with
 * their delivery and acknowledgement counts, by organisation, and who in one organisation has not
 * acknowledged. The office without a filter sees the counts /thongbao N reports; a secretary or
 * deputy, the recipients of their organisation and its sub-cells; a plain member, only themselves.
 */
import { htmlToPlain } from '../../bot/render/html.js';
import { failureText } from '../../bot/render/delivery.js';
import { failureReason, type FailureReason } from '../../delivery/failure-reason.js';
import { KNOWN_UNREACHABLE } from '../../delivery/outbox.js';
import type { Notice } from '../../services/notices.js';
import type { RecipientFilter } from '../../services/dashboard.js';
import type { NoticeDetail, NoticeOrganisationDetail, NoticeSummary, NoticesResponse } from '../contract.js';
import { forbidden, notFound, parseId } from '../http.js';
import { allowQuery, type ApiRequest, organisationRef } from '../request.js';
import type { Sheet } from '../sheet.js';

/** Notices listed: the latest ones (the bot's /thongbao lists ten; a page has room for more). */
export const NOTICES_LISTED = 100;

/** Whose recipients the viewer's counts cover. */
function recipientFilter(req: ApiRequest): RecipientFilter {
  if (req.scope.view === 'member') return { memberId: req.member.id };
  const scope = req.figureScope();
  return scope === null ? null : { branchIds: [...scope] };
}

function summaries(req: ApiRequest, list: readonly Notice[], filter: RecipientFilter): NoticeSummary[] {
  const counts = req.services.dashboard.noticeCounts(list, filter);
  const authors = req.services.notices.authorLabels(list);
  return list.map((n) => {
    const c = counts.get(n.id)!;
    const summary: NoticeSummary = {
      id: n.id,
      title: n.title,
      sentAt: n.releasedAt?.toISOString() ?? null,
      sentLabel: n.releasedAt ? req.dateTime(n.releasedAt) : null,
      authorLabel: authors.get(n.id) || req.t('dash-author-office'),
      requireAck: n.requireAck,
      ...c,
    };
    if (req.scope.view === 'member') summary.acknowledgedByMe = n.requireAck ? c.acknowledged > 0 : null;
    return summary;
  });
}

export function notices(req: ApiRequest): NoticesResponse {
  allowQuery(req.query, ['cluster']);
  req.organisations(); // validates ?cluster=
  const filter = recipientFilter(req);
  const list = req.services.dashboard.latestNotices(filter, NOTICES_LISTED, req.scope.view === 'organisation' ? req.member.id : undefined);
  return { notices: summaries(req, list, filter) };
}

/** The notice of the path, if the viewer may see its report: the office any, a secretary those of their organisation or their own. */
function visibleNotice(req: ApiRequest): Notice {
  req.requireOrganisationView();
  const notice = req.services.notices.get(parseId(req.params.id));
  if (!notice || notice.status === 'draft' || notice.status === 'cancelled' || notice.status === 'scheduled') throw notFound();
  if (req.scope.view === 'office' || notice.authorMemberId === req.member.id) return notice;
  if (!req.services.dashboard.addressedTo(notice.id, req.scope.branchIds)) throw forbidden();
  return notice;
}

export function noticeDetail(req: ApiRequest): NoticeDetail {
  allowQuery(req.query, ['cluster']);
  const notice = visibleNotice(req);
  const organisations = req.organisations();
  const filter = recipientFilter(req);
  const byBranch = req.services.dashboard.noticeCountsByBranch(notice);
  const reasons = new Map<string, { label: string; count: number }>();
  const scope = req.figureScope();
  for (const error of req.services.dashboard.undeliveredReasons(notice.id, scope === null ? null : [...scope])) {
    // Members known to be unreachable were not tried: worded as /thongbao N's delivery report words them.
    const skipped = error.startsWith(KNOWN_UNREACHABLE);
    const reason = skipped ? 'skipped' : failureReason(error);
    const label = skipped ? req.t('notice-report-skipped-member') : htmlToPlain(failureText(req.deps.translator.for(req.locale), error, reason as FailureReason));
    const seen = reasons.get(reason) ?? { label, count: 0 };
    seen.count++;
    reasons.set(reason, seen);
  }
  return {
    notice: summaries(req, [notice], filter)[0]!,
    organisations: organisations
      .filter((o) => byBranch.has(o.id))
      .map((o) => ({ orgId: o.id, orgName: o.name, clusterName: o.clusterName, ...byBranch.get(o.id)! })),
    reasons: [...reasons].map(([reason, r]) => ({ reason, label: r.label, count: r.count })).sort((a, b) => b.count - a.count),
  };
}

export function noticeOrganisation(req: ApiRequest): NoticeOrganisationDetail {
  allowQuery(req.query, []);
  const notice = visibleNotice(req);
  const organisation = req.organisation('orgId');
  return {
    notice: { id: notice.id, title: notice.title },
    organisation: organisationRef(organisation),
    people: req.services.notices.recipientStatuses(notice.id, organisation.id).map((p) => ({
      name: p.fullName,
      delivery: p.delivery,
      deliveryLabel: req.t(`dash-delivery-${p.delivery}`),
      acknowledgedAt: p.acknowledgedAt?.toISOString() ?? null,
    })),
  };
}

// ---- the same tables as workbooks

const countColumns = (req: ApiRequest) => [
  { header: req.t('dash-col-recipients') },
  { header: req.t('dash-col-delivered') },
  { header: req.t('dash-col-unreachable') },
  { header: req.t('dash-col-not-linked') },
  { header: req.t('dash-col-acknowledged') },
];

export function noticesSheet(req: ApiRequest, data: NoticesResponse): Sheet {
  return {
    name: req.t('dash-col-title'),
    fileName: 'thong-bao.xlsx',
    columns: [{ header: 'ID' }, { header: req.t('dash-col-title'), max: 60 }, { header: req.t('dash-col-sent'), max: 20 }, { header: req.t('dash-col-author'), max: 40 }, ...countColumns(req)],
    rows: data.notices.map((n) => [n.id, n.title, n.sentLabel, n.authorLabel, n.recipients, n.delivered, n.unreachable, n.notLinked, n.requireAck ? n.acknowledged : null]),
  };
}

export function noticeDetailSheet(req: ApiRequest, data: NoticeDetail): Sheet {
  return {
    name: `#${data.notice.id}`,
    fileName: `thong-bao-${data.notice.id}-to-chuc.xlsx`,
    columns: [{ header: req.t('dash-col-organisation'), max: 60 }, { header: req.t('dash-col-cluster'), max: 40 }, ...countColumns(req)],
    rows: data.organisations.map((o) => [o.orgName, o.clusterName, o.recipients, o.delivered, o.unreachable, o.notLinked, data.notice.requireAck ? o.acknowledged : null]),
  };
}

export function noticeOrganisationSheet(req: ApiRequest, data: NoticeOrganisationDetail): Sheet {
  return {
    name: `#${data.notice.id}`,
    fileName: `thong-bao-${data.notice.id}-${data.organisation.code.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}.xlsx`,
    columns: [{ header: req.t('dash-col-name'), max: 40 }, { header: req.t('dash-col-delivery'), max: 30 }, { header: req.t('dash-col-ack-at'), max: 20 }],
    rows: data.people.map((p) => [p.name, p.deliveryLabel, p.acknowledgedAt ? req.dateTime(new Date(p.acknowledgedAt)) : null]),
  };
}
