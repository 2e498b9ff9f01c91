/** GET /app/api/coverage: per organisation in view, its members, those who linked Telegram, and its linked groups. */
import type { CoverageResponse } from '../contract.js';
import { allowQuery, type ApiRequest } from '../request.js';
import type { Sheet } from '../sheet.js';

export function coverage(req: ApiRequest): CoverageResponse {
  allowQuery(req.query, ['cluster']);
  req.requireOrganisationView();
  const counts = req.services.dashboard.coverage();
  const rows = req.organisations().map((o) => {
    const c = counts.get(o.id) ?? { members: 0, linked: 0, groups: 0 };
    return { orgId: o.id, orgName: o.name, clusterName: o.clusterName, ...c };
  });
  const totals = rows.reduce((t, r) => ({ members: t.members + r.members, linked: t.linked + r.linked, groups: t.groups + r.groups }), { members: 0, linked: 0, groups: 0 });
  return { rows, totals };
}

export function coverageSheet(req: ApiRequest, data: CoverageResponse): Sheet {
  return {
    name: req.t('dash-col-linked'),
    fileName: 'lien-ket-telegram.xlsx',
    columns: [
      { header: req.t('dash-col-organisation'), max: 60 },
      { header: req.t('dash-col-cluster'), max: 40 },
      { header: req.t('dash-col-members') },
      { header: req.t('dash-col-linked') },
      { header: req.t('dash-col-groups') },
    ],
    rows: [
      ...data.rows.map((r) => [r.orgName, r.clusterName, r.members, r.linked, r.groups]),
      [req.t('dash-col-total'), null, data.totals.members, data.totals.linked, data.totals.groups],
    ],
  };
}
