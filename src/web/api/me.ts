/** GET /app/api/me: who the viewer is, what they may see, and today. */
import { formatPeriod } from '../../domain/indicators.js';
import type { MeResponse } from '../contract.js';
import { allowQuery, type ApiRequest, organisationRef } from '../request.js';

export function me(req: ApiRequest): MeResponse {
  allowQuery(req.query, []);
  const period = req.services.indicators.currentPeriod();
  return {
    name: req.member.fullName,
    language: req.locale,
    view: req.scope.view,
    organisations: req.allowedOrganisations().map(organisationRef),
    clusters: req.scope.view === 'office' ? req.services.branches.listClusters().map((c) => ({ id: c.id, name: c.name })) : [],
    today: req.today(),
    currentPeriod: period,
    currentPeriodLabel: formatPeriod(period, req.locale),
  };
}
