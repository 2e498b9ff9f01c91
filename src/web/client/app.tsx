/**
 * The dashboard's shell: who is looking (/api/me), the tabs their view allows, the office's
 * cluster filter, and a stack of drill-downs that Telegram's back button (and ours) pops.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MeResponse } from '../contract.js';
import { Api, ApiFailure, type FailureKind } from './api.js';
import { Ctx, Failure, type AppContext, type Route } from './components/common.js';
import { STRINGS, langFromCode } from './i18n.js';
import { CoverageScreen } from './screens/coverage.js';
import { IndicatorHistoryScreen, IndicatorScreen, IndicatorsScreen } from './screens/indicators.js';
import { MeetingsScreen } from './screens/meetings.js';
import { NoticeOrganisationScreen, NoticeScreen, NoticesScreen } from './screens/notices.js';
import { ReportsScreen } from './screens/reports.js';
import { applyTheme, type TelegramBridge, type ThemeParams } from './telegram.js';

type Tab = 'indicators' | 'reports' | 'meetings' | 'notices' | 'coverage';

const TABS_BY_VIEW: Record<MeResponse['view'], Tab[]> = {
  office: ['indicators', 'reports', 'meetings', 'notices', 'coverage'],
  organisation: ['indicators', 'reports', 'meetings', 'notices', 'coverage'],
  member: ['meetings', 'notices'],
};

export function App({ bridge }: { bridge: TelegramBridge }) {
  const [unauthorized, setUnauthorized] = useState(false);
  const api = useMemo(() => new Api(bridge.launch.initData, () => setUnauthorized(true)), [bridge]);
  const [me, setMe] = useState<MeResponse | { failed: FailureKind } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [tab, setTab] = useState<Tab | null>(null);
  const [stack, setStack] = useState<Route[]>([]);
  const [clusterId, setClusterId] = useState<number | null>(null);
  const [themeKey, setThemeKey] = useState(0);

  useEffect(() => {
    api.get<MeResponse>('me').then(
      (answer) => {
        setMe(answer);
        setTab((current) => current ?? TABS_BY_VIEW[answer.view][0]!);
      },
      (error: unknown) => setMe({ failed: error instanceof ApiFailure ? error.kind : 'network' }),
    );
  }, [attempt]);

  useEffect(() => {
    bridge.post('web_app_ready');
    bridge.post('web_app_expand');
    const offTheme = bridge.on('theme_changed', (data) => {
      const theme = (data as { theme_params?: ThemeParams } | null)?.theme_params;
      if (theme) applyTheme(theme, document.documentElement);
      setThemeKey((n) => n + 1);
    });
    const offBack = bridge.on('back_button_pressed', () => setStack((s) => s.slice(0, -1)));
    return () => {
      offTheme();
      offBack();
    };
  }, [bridge]);

  useEffect(() => {
    bridge.post('web_app_setup_back_button', { is_visible: stack.length > 0 });
    window.scrollTo(0, 0);
  }, [stack.length]);

  const lang = me && 'language' in me ? me.language : langFromCode(bridge.launch.languageCode);
  const t = STRINGS[lang];
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t.title;
  }, [lang]);

  if (unauthorized || !bridge.launch.initData) {
    return (
      <main class="page" data-state="unauthorized">
        <div class="state error" role="alert">
          <p>{t.unauthorized}</p>
        </div>
      </main>
    );
  }
  if (!me) {
    return (
      <main class="page" data-state="loading">
        <p class="state loading" role="status">
          <span class="spinner" aria-hidden="true" /> {t.loading}
        </p>
      </main>
    );
  }
  if ('failed' in me) {
    return (
      <main class="page" data-state="failed">
        <Failure kind={me.failed} retry={() => setAttempt((n) => n + 1)} strings={t} />
      </main>
    );
  }

  const tabs = TABS_BY_VIEW[me.view];
  const current = tab ?? tabs[0]!;
  const route = stack[stack.length - 1];
  const ctx: AppContext = { api, bridge, lang, t, me, clusterId, open: (next) => setStack((s) => [...s, next]) };
  const tabLabel: Record<Tab, string> = { indicators: t.tabIndicators, reports: t.tabReports, meetings: t.tabMeetings, notices: t.tabNotices, coverage: t.tabCoverage };

  return (
    <Ctx.Provider value={ctx}>
      <header class="top">
        <nav class="tabs" role="tablist">
          {tabs.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              data-tab={name}
              aria-selected={name === current}
              class={name === current ? 'tab active' : 'tab'}
              onClick={() => {
                setTab(name);
                setStack([]);
              }}
            >
              {tabLabel[name]}
            </button>
          ))}
        </nav>
        {me.clusters.length > 0 && !route && (
          <label class="select cluster">
            <span>{t.cluster}</span>
            <select value={clusterId ?? ''} data-cluster onChange={(e) => setClusterId(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}>
              <option value="">{t.allClusters}</option>
              {me.clusters.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <main class="page" data-screen={route ? route.screen : current}>
        {route && (
          <button type="button" class="back" data-back onClick={() => setStack((s) => s.slice(0, -1))}>
            ‹ {t.back}
          </button>
        )}
        {route ? <RouteScreen route={route} themeKey={String(themeKey)} /> : <TabScreen tab={current} />}
      </main>
    </Ctx.Provider>
  );
}

function TabScreen({ tab }: { tab: Tab }) {
  switch (tab) {
    case 'indicators':
      return <IndicatorsScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'meetings':
      return <MeetingsScreen />;
    case 'notices':
      return <NoticesScreen />;
    case 'coverage':
      return <CoverageScreen />;
  }
}

function RouteScreen({ route, themeKey }: { route: Route; themeKey: string }) {
  switch (route.screen) {
    case 'indicator':
      return <IndicatorScreen indicatorId={route.indicatorId} themeKey={themeKey} />;
    case 'indicatorHistory':
      return <IndicatorHistoryScreen indicatorId={route.indicatorId} orgId={route.orgId} />;
    case 'notice':
      return <NoticeScreen noticeId={route.noticeId} />;
    case 'noticeOrganisation':
      return <NoticeOrganisationScreen noticeId={route.noticeId} orgId={route.orgId} />;
  }
}
