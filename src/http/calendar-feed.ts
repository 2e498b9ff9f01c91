/**
 * Members' calendar subscriptions on the process's HTTP server: GET (and HEAD)
 * `<PUBLIC_URL path>calendar/<token>.ics`, refreshed by calendar apps. The same meetings as
 * /lichics for the member's rights at the time of the request, from 30 days back to 180 ahead.
 *
 * The token is the only thing in the address, and it never reaches the log: an unknown one gets the
 * server's bare 404 (as any unknown path), nothing is logged for it, and a failure is logged here
 * without the path. A member who left, or whose Telegram account changed, gets 410.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../clock.js';
import { negotiateLocale, type Translator } from '../bot/i18n.js';
import { memberCalendar } from '../bot/render/calendar.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import type { HttpServer, RouteHandler } from './server.js';

const DAY_MS = 86_400_000;
/** Recent meetings stay visible for a month; a six-month horizon covers the series ahead. */
export const FEED_WINDOW = { pastDays: 30, futureDays: 180 } as const;
const FEED_SEGMENT = 'calendar';
const FEED_SUFFIX = '.ics';

export interface CalendarFeedDeps {
  services: Services;
  translator: Translator;
  clock: Clock;
  logger: Logger;
}

/** The subscription addresses of a token under PUBLIC_URL: https for Google and Outlook, webcal for Apple's apps. */
export function feedUrls(publicUrl: string, token: string): { https: string; webcal: string } {
  const https = new URL(`${FEED_SEGMENT}/${token}${FEED_SUFFIX}`, publicUrl).href;
  return { https, webcal: https.replace(/^https:/, 'webcal:') };
}

/** Serves the feeds at PUBLIC_URL's path (a reverse proxy passes it through unchanged, as for the webhook's). */
export function mountCalendarFeeds(server: HttpServer, publicUrl: string, deps: CalendarFeedDeps): void {
  const path = `${new URL(publicUrl).pathname}${FEED_SEGMENT}/:file`;
  const handler = calendarFeedRoute(deps);
  server.route('GET', path, handler).route('HEAD', path, handler);
}

export function calendarFeedRoute({ services, translator, clock, logger }: CalendarFeedDeps): RouteHandler {
  return (req, res, params) => {
    try {
      const file = params.file ?? '';
      const found = file.endsWith(FEED_SUFFIX) ? services.calendar.lookup(file.slice(0, -FEED_SUFFIX.length)) : ({ status: 'unknown' } as const);
      if (found.status === 'unknown') return void res.writeHead(404).end();
      if (found.status === 'gone') return void res.writeHead(410, { 'cache-control': 'no-store' }).end();
      const { member } = found;
      const now = clock.now().getTime();
      const list = services.calendar.meetingsFor(member, new Date(now - FEED_WINDOW.pastDays * DAY_MS), new Date(now + FEED_WINDOW.futureDays * DAY_MS));
      const bloc = services.bloc.get();
      const body = Buffer.from(
        memberCalendar(translator.for(negotiateLocale(member.language, undefined)), list, services.meetings, {
          uidDomain: bloc.botUsername ?? 'bloc-office-bot',
          calendarName: bloc.name,
        }),
        'utf8',
      );
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
      // Revalidated on every refresh: a change, or a revocation, is seen at once; an unchanged calendar costs a 304.
      const headers = { etag, 'cache-control': 'private, no-cache', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
      const fresh = matchesEtag(req, etag);
      logger.debug({ member_id: member.id, events: list.length, method: req.method, status: fresh ? 304 : 200 }, 'calendar feed served');
      if (fresh) return void res.writeHead(304, headers).end();
      res.writeHead(200, { ...headers, 'content-type': 'text/calendar; charset=utf-8', 'content-length': body.length }).end(body);
    } catch (error) {
      logger.error({ err: error }, 'calendar feed failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    }
  };
}

function matchesEtag(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
