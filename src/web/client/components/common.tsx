/**
 * What every screen shares: the app context, loading one API resource with its states, and the
 * sortable table and download button that every table on the dashboard uses.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { DownloadResponse, Lang, MeResponse } from '../../contract.js';
import { Api, ApiFailure, withCluster, type FailureKind } from '../api.js';
import type { Strings } from '../i18n.js';
import type { TelegramBridge } from '../telegram.js';

export type Route =
  | { screen: 'indicator'; indicatorId: number }
  | { screen: 'indicatorHistory'; indicatorId: number; orgId: number }
  | { screen: 'notice'; noticeId: number }
  | { screen: 'noticeOrganisation'; noticeId: number; orgId: number };

export interface AppContext {
  api: Api;
  bridge: TelegramBridge;
  lang: Lang;
  t: Strings;
  me: MeResponse;
  clusterId: number | null;
  open(route: Route): void;
}

export const Ctx = createContext<AppContext | null>(null);

export function useApp(): AppContext {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useApp outside the app');
  return ctx;
}

export type Resource<T> = { state: 'loading' } | { state: 'failed'; kind: FailureKind; retry: () => void } | { state: 'ready'; data: T; reload: () => void };

/** Loads `resource` (with the cluster filter) and reloads when it or the filter changes. */
export function useResource<T>(resource: string, filtered = true): Resource<T> {
  const { api, clusterId } = useApp();
  const path = filtered ? withCluster(resource, clusterId) : resource;
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<Resource<T>>({ state: 'loading' });
  const shown = useRef<string | null>(null);
  useEffect(() => {
    let live = true;
    // A reload of the same table keeps it on screen (and whatever the screen shows beside it).
    if (shown.current !== path) setResult({ state: 'loading' });
    shown.current = path;
    api.get<T>(path).then(
      (data) => live && setResult({ state: 'ready', data, reload: () => setAttempt((n) => n + 1) }),
      (error: unknown) => live && setResult({ state: 'failed', kind: error instanceof ApiFailure ? error.kind : 'network', retry: () => setAttempt((n) => n + 1) }),
    );
    return () => {
      live = false;
    };
  }, [path, attempt]);
  return result;
}

/** Renders a resource's loading and error states, and `children` with its data once it is there. */
export function Loaded<T>({ resource, children }: { resource: Resource<T>; children: (data: T) => ComponentChildren }) {
  const { t } = useApp();
  if (resource.state === 'loading') {
    return (
      <p class="state loading" role="status" aria-live="polite">
        <span class="spinner" aria-hidden="true" /> {t.loading}
      </p>
    );
  }
  if (resource.state === 'failed') return <Failure kind={resource.kind} retry={resource.retry} />;
  return <>{children(resource.data)}</>;
}

/** An API failure in words; `strings` for the shell, which shows it before the app context exists. */
export function Failure({ kind, retry, strings }: { kind: FailureKind; retry?: () => void; strings?: Strings }) {
  const ctx = useContext(Ctx);
  const t = strings ?? ctx!.t;
  const text = kind === 'unauthorized' ? t.unauthorized : kind === 'forbidden' ? t.forbidden : kind === 'not_found' ? t.notFound : t.failed;
  return (
    <div class="state error" role="alert">
      <p>{text}</p>
      {retry && kind === 'network' && (
        <button type="button" class="button" onClick={retry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

export function Empty({ text }: { text: string }) {
  return <p class="state empty">{text}</p>;
}

export interface Column<R> {
  key: string;
  label: string;
  /** The value sorted on; a column without one is not sortable. */
  sort?: (row: R) => string | number | null;
  cell: (row: R) => ComponentChildren;
  numeric?: boolean;
}

/**
 * A table sortable by any column with a sort key (tap a header; tap again to reverse). Rows with no
 * value sort last either way, so "never reported" does not pose as the best or the worst.
 */
export function SortableTable<R>(props: {
  name: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string | number;
  onRowClick?: (row: R) => void;
  initialSort?: { key: string; descending?: boolean };
  footer?: ComponentChildren;
  stickyFirst?: boolean;
  /** A grid of narrow mark columns (reports, meetings). */
  grid?: boolean;
}) {
  const { t, lang } = useApp();
  const [sort, setSort] = useState<{ key: string; descending: boolean } | null>(
    props.initialSort ? { key: props.initialSort.key, descending: props.initialSort.descending ?? false } : null,
  );
  const column = sort ? props.columns.find((c) => c.key === sort.key) : undefined;
  const rows = column?.sort ? sortRows(props.rows, column.sort, sort!.descending, lang) : props.rows;
  return (
    <div class={`table-wrap${props.stickyFirst ? ' sticky-first' : ''}`}>
      <table data-table={props.name} class={props.grid ? 'grid' : undefined}>
        <thead>
          <tr>
            {props.columns.map((c) => {
              const active = sort?.key === c.key;
              return (
                <th key={c.key} class={c.numeric ? 'num' : undefined} aria-sort={active ? (sort!.descending ? 'descending' : 'ascending') : undefined} scope="col">
                  {c.sort ? (
                    <button type="button" class="sort" data-sort={c.key} onClick={() => setSort({ key: c.key, descending: active ? !sort!.descending : c.numeric === true })}>
                      {c.label}
                      <span class="sort-mark" aria-hidden="true">
                        {active ? (sort!.descending ? '▼' : '▲') : '⇅'}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={props.rowKey(row)}
              data-row={props.rowKey(row)}
              class={props.onRowClick ? 'clickable' : undefined}
              onClick={props.onRowClick ? () => props.onRowClick!(row) : undefined}
              tabIndex={props.onRowClick ? 0 : undefined}
              onKeyDown={props.onRowClick ? (e) => e.key === 'Enter' && props.onRowClick!(row) : undefined}
            >
              {props.columns.map((c) => (
                <td key={c.key} class={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {props.footer && <tfoot>{props.footer}</tfoot>}
      </table>
      {rows.length === 0 && <Empty text={t.empty} />}
    </div>
  );
}

function sortRows<R>(rows: R[], key: (row: R) => string | number | null, descending: boolean, lang: Lang): R[] {
  const collator = new Intl.Collator(lang === 'vi' ? 'vi' : 'en', { numeric: true, sensitivity: 'base' });
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
    return descending ? -order : order;
  });
}

/**
 * Asks the API for a short-lived link to the table's .xlsx and hands it to Telegram's download
 * (Bot API 8.0+); the link stays on screen in case the client cannot download.
 */
export function DownloadButton({ resource, filtered = true }: { resource: string; filtered?: boolean }) {
  const { api, bridge, clusterId, t } = useApp();
  const [state, setState] = useState<{ phase: 'idle' | 'busy' } | { phase: 'ready'; url: string; fileName: string; viaTelegram: boolean } | { phase: 'failed'; kind: FailureKind }>({ phase: 'idle' });
  const download = async () => {
    setState({ phase: 'busy' });
    try {
      const answer = await api.post<DownloadResponse>('downloads', { path: Api.pathOf(filtered ? withCluster(resource, clusterId) : resource) });
      const url = new URL(answer.url, window.location.href).href;
      const viaTelegram = bridge.supports('8.0');
      if (viaTelegram) bridge.post('web_app_request_file_download', { url, file_name: answer.fileName });
      setState({ phase: 'ready', url, fileName: answer.fileName, viaTelegram });
    } catch (error) {
      setState({ phase: 'failed', kind: error instanceof ApiFailure ? error.kind : 'network' });
    }
  };
  return (
    <div class="download">
      <button type="button" class="button secondary" data-download={resource} disabled={state.phase === 'busy'} onClick={download}>
        ⤓ {state.phase === 'busy' ? t.downloading : t.download}
      </button>
      {state.phase === 'ready' && (
        <p class="hint" role="status">
          {state.viaTelegram && <>{t.downloadStarted} </>}
          <a href={state.url} download={state.fileName} target="_blank" rel="noopener">
            {state.viaTelegram ? t.downloadFallback : state.fileName}
          </a>
        </p>
      )}
      {state.phase === 'failed' && <Failure kind={state.kind} />}
    </div>
  );
}

export function Section({ title, actions, children }: { title: string; actions?: ComponentChildren; children: ComponentChildren }) {
  return (
    <section class="section">
      <div class="section-head">
        <h2>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
