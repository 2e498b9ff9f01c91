/** Coverage: per organisation, members linked to Telegram and linked groups, with the bloc's totals. */
import type { CoverageResponse } from '../../contract.js';
import { DownloadButton, Empty, Loaded, SortableTable, useApp, useResource, type Column } from '../components/common.js';
import { percent } from '../i18n.js';

type Row = CoverageResponse['rows'][number];

export function CoverageScreen() {
  const { t, lang } = useApp();
  const coverage = useResource<CoverageResponse>('coverage');
  const share = (linked: number, members: number) => (members === 0 ? null : linked / members);
  const columns: Column<Row>[] = [
    { key: 'org', label: t.organisation, sort: (r) => r.orgName, cell: (r) => <span class="org">{r.orgName}</span> },
    { key: 'members', label: t.members, numeric: true, sort: (r) => r.members, cell: (r) => r.members },
    { key: 'linked', label: t.linked, numeric: true, sort: (r) => r.linked, cell: (r) => r.linked },
    { key: 'share', label: t.linkedShare, numeric: true, sort: (r) => share(r.linked, r.members), cell: (r) => percent(share(r.linked, r.members), lang) },
    { key: 'groups', label: t.groups, numeric: true, sort: (r) => r.groups, cell: (r) => r.groups },
  ];
  return (
    <Loaded resource={coverage}>
      {(data) =>
        data.rows.length === 0 ? (
          <Empty text={t.noCoverage} />
        ) : (
          <>
            <SortableTable
              name="coverage"
              columns={columns}
              rows={data.rows}
              rowKey={(r) => r.orgId}
              initialSort={{ key: 'share' }}
              stickyFirst
              footer={
                <tr data-totals>
                  <th scope="row">{t.total}</th>
                  <td class="num">{data.totals.members}</td>
                  <td class="num">{data.totals.linked}</td>
                  <td class="num">{percent(share(data.totals.linked, data.totals.members), lang)}</td>
                  <td class="num">{data.totals.groups}</td>
                </tr>
              }
            />
            <DownloadButton resource="coverage" />
          </>
        )
      }
    </Loaded>
  );
}
