/**
 * The API's GET endpoints, and for each table the workbook with the same columns: one list, read
 * by the server (src/web/index.ts) and by the downloads, which run the same endpoint again for the
 * member the link was made for (so their role is checked again when they download).
 */
import { coverage, coverageSheet } from './api/coverage.js';
import { indicatorDetail, indicatorDetailSheet, indicators, indicatorsSheet, organisationHistory, organisationHistorySheet } from './api/indicators.js';
import { me } from './api/me.js';
import { meetings, meetingsSheet } from './api/meetings.js';
import { noticeDetail, noticeDetailSheet, noticeOrganisation, noticeOrganisationSheet, notices, noticesSheet } from './api/notices.js';
import { reports, reportsSheet } from './api/reports.js';
import type { ApiRequest } from './request.js';
import type { Sheet } from './sheet.js';

export interface GetRoute {
  path: string;
  handler: (req: ApiRequest) => unknown;
  /** The table as a workbook; absent for what is not a table (/me). */
  sheet?: (req: ApiRequest, data: never) => Sheet;
}

export const API_PREFIX = '/app/api/';

export const GET_ROUTES: readonly GetRoute[] = [
  { path: '/app/api/me', handler: me },
  { path: '/app/api/indicators', handler: indicators, sheet: indicatorsSheet },
  { path: '/app/api/indicators/:id', handler: indicatorDetail, sheet: indicatorDetailSheet },
  { path: '/app/api/indicators/:id/organisations/:orgId', handler: organisationHistory, sheet: organisationHistorySheet },
  { path: '/app/api/reports', handler: reports, sheet: reportsSheet },
  { path: '/app/api/meetings', handler: meetings, sheet: meetingsSheet },
  { path: '/app/api/notices', handler: notices, sheet: noticesSheet },
  { path: '/app/api/notices/:id', handler: noticeDetail, sheet: noticeDetailSheet },
  { path: '/app/api/notices/:id/organisations/:orgId', handler: noticeOrganisation, sheet: noticeOrganisationSheet },
  { path: '/app/api/coverage', handler: coverage, sheet: coverageSheet },
];
