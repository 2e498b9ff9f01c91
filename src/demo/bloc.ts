/**
 * The demo bloc's organisation: three emulation clusters, 21 branches (grassroots committees with
 * their cells, and grassroots cells) and 300 members with plausible names. Names come from a seeded
 * generator, so the same seed always gives the same bloc. Meetings, notices and indicators are
 * added by their own modules (src/demo/index.ts puts them together).
 */
import type { BranchKind, Role } from '../db/schema.js';
import type { Actor } from '../services/actor.js';
import type { Branch, Cluster } from '../services/branches.js';
import type { Services } from '../services/index.js';

export const DEMO_BLOC_NAME = 'Đảng bộ Khối các cơ quan tỉnh';
export const DEMO_SEED = 20250203;

interface DemoBranch {
  code: string;
  name: string;
  shortName?: string;
  kind: BranchKind;
  cluster: string;
  /** Members listed directly in this branch; the first is its secretary, the second its deputy. */
  members: number;
  children?: Omit<DemoBranch, 'kind' | 'cluster' | 'children'>[];
}

const CLUSTERS = [
  { code: 'DDT', name: 'Khối các cơ quan Đảng – đoàn thể', leader: 'Đồng chí Phó Bí thư Thường trực Đảng ủy Khối' },
  { code: 'QLNN', name: 'Khối cơ quan quản lý nhà nước', leader: 'Đồng chí Phó Bí thư Đảng ủy Khối' },
  { code: 'SNDN', name: 'Khối đơn vị sự nghiệp – doanh nghiệp', leader: 'Đồng chí Ủy viên Ban Thường vụ Đảng ủy Khối' },
] as const;

const BRANCHES: DemoBranch[] = [
  { code: 'CB01', name: 'Chi bộ Ban Tuyên giáo Tỉnh ủy', shortName: 'Ban Tuyên giáo', kind: 'cell', cluster: 'DDT', members: 18 },
  { code: 'CB02', name: 'Chi bộ Ban Tổ chức Tỉnh ủy', shortName: 'Ban Tổ chức', kind: 'cell', cluster: 'DDT', members: 20 },
  { code: 'CB03', name: 'Chi bộ Ủy ban Kiểm tra Tỉnh ủy', shortName: 'UBKT Tỉnh ủy', kind: 'cell', cluster: 'DDT', members: 15 },
  {
    code: 'DB04',
    name: 'Đảng bộ Văn phòng Tỉnh ủy',
    shortName: 'VP Tỉnh ủy',
    kind: 'committee',
    cluster: 'DDT',
    members: 3,
    children: [
      { code: 'DB04-01', name: 'Chi bộ Phòng Hành chính – Lưu trữ', members: 14 },
      { code: 'DB04-02', name: 'Chi bộ Phòng Tài chính – Quản trị', members: 12 },
      { code: 'DB04-03', name: 'Chi bộ Nhà khách Tỉnh ủy', members: 8 },
    ],
  },
  { code: 'CB05', name: 'Chi bộ Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', shortName: 'MTTQ tỉnh', kind: 'cell', cluster: 'DDT', members: 17 },
  { code: 'CB06', name: 'Chi bộ Tỉnh đoàn', kind: 'cell', cluster: 'DDT', members: 14 },
  {
    code: 'DB07',
    name: 'Đảng bộ Sở Tài chính',
    shortName: 'Sở Tài chính',
    kind: 'committee',
    cluster: 'QLNN',
    members: 3,
    children: [
      { code: 'DB07-01', name: 'Chi bộ Văn phòng Sở Tài chính', members: 15 },
      { code: 'DB07-02', name: 'Chi bộ Phòng Quản lý ngân sách', members: 13 },
    ],
  },
  { code: 'CB08', name: 'Chi bộ Sở Tư pháp', kind: 'cell', cluster: 'QLNN', members: 16 },
  { code: 'CB09', name: 'Chi bộ Sở Nội vụ', kind: 'cell', cluster: 'QLNN', members: 19 },
  { code: 'CB10', name: 'Chi bộ Thanh tra tỉnh', kind: 'cell', cluster: 'QLNN', members: 15 },
  {
    code: 'DB11',
    name: 'Đảng bộ Trường Cao đẳng Y tế',
    shortName: 'CĐ Y tế',
    kind: 'committee',
    cluster: 'SNDN',
    members: 3,
    children: [
      { code: 'DB11-01', name: 'Chi bộ Khoa Điều dưỡng', members: 16 },
      { code: 'DB11-02', name: 'Chi bộ Khoa Dược', members: 12 },
    ],
  },
  // These two names carry characters that break naive HTML: the bot must escape them.
  { code: 'CB12', name: 'Chi bộ Công ty TNHH A&B', shortName: 'Công ty A&B', kind: 'cell', cluster: 'SNDN', members: 22 },
  { code: 'CB13', name: 'Chi bộ Trung tâm <Dữ liệu> số', kind: 'cell', cluster: 'SNDN', members: 21 },
  { code: 'CB14', name: 'Chi bộ Đài Phát thanh và Truyền hình tỉnh', shortName: 'Đài PT-TH', kind: 'cell', cluster: 'SNDN', members: 24 },
];

// Rough frequencies of Vietnamese family names: Nguyễn alone is close to a third.
const FAMILY_NAMES: [string, number][] = [
  ['Nguyễn', 30],
  ['Trần', 11],
  ['Lê', 9],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Huỳnh', 5],
  ['Phan', 4],
  ['Vũ', 4],
  ['Võ', 4],
  ['Đặng', 3],
  ['Bùi', 3],
  ['Đỗ', 3],
  ['Hồ', 3],
  ['Ngô', 3],
  ['Dương', 2],
  ['Lý', 2],
];
const MIDDLE_NAMES = {
  male: ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Công', 'Xuân', 'Ngọc', 'Đình', 'Trọng', 'Hoàng'],
  female: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mỹ', 'Phương', 'Hồng', 'Diệu', 'Bích'],
};
const GIVEN_NAMES = {
  male: ['Anh', 'Bình', 'Cường', 'Dũng', 'Đức', 'Hải', 'Hùng', 'Khoa', 'Long', 'Minh', 'Nam', 'Phong', 'Quang', 'Sơn', 'Thắng', 'Trung', 'Tuấn', 'Việt', 'Vinh', 'Hiếu', 'Lâm', 'Tùng'],
  female: ['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngọc', 'Nhung', 'Phương', 'Quỳnh', 'Thảo', 'Trang', 'Vân', 'Yến', 'Thủy', 'Huyền'],
};

export interface DemoSummary {
  blocName: string;
  clusters: Cluster[];
  branches: Branch[];
  memberCount: number;
}

/**
 * Fills a database without branches with the demo bloc's clusters, branches and members (members
 * already there, such as the office admin, are left alone). The caller runs it in a transaction;
 * it refuses a database that already has branches, so it can never mix with real data.
 */
export function buildDemoBloc(services: Services, actor: Actor, options: { seed?: number } = {}): DemoSummary {
  if (services.branches.list().length > 0) throw new Error('The demo bloc needs an empty database (no branches)');
  const random = mulberry32(options.seed ?? DEMO_SEED);
  services.bloc.setName(DEMO_BLOC_NAME, 'Đảng bộ Khối', actor);

  const clusters = CLUSTERS.map((c) => services.branches.upsertCluster({ ...c }, actor));
  const clusterId = new Map(clusters.map((c) => [c.code, c.id]));
  const branches: Branch[] = [];
  let memberNumber = 0;

  const addMembers = (branch: Branch, count: number) => {
    for (let i = 0; i < count; i++) {
      memberNumber++;
      const roles: Role[] = i === 0 ? ['secretary', 'member'] : i === 1 ? ['deputy', 'member'] : ['member'];
      services.members.create(
        { code: `DV${String(memberNumber).padStart(4, '0')}`, fullName: fullName(random), branchId: branch.id, roles },
        actor,
      );
    }
  };

  for (const spec of BRANCHES) {
    const { branch } = services.branches.upsert(
      { code: spec.code, name: spec.name, shortName: spec.shortName ?? null, kind: spec.kind, clusterId: clusterId.get(spec.cluster)! },
      actor,
    );
    branches.push(branch);
    addMembers(branch, spec.members);
    for (const child of spec.children ?? []) {
      const { branch: cell } = services.branches.upsert(
        {
          code: child.code,
          name: child.name,
          shortName: child.shortName ?? null,
          kind: 'subcell',
          parentId: branch.id,
          clusterId: branch.clusterId,
        },
        actor,
      );
      branches.push(cell);
      addMembers(cell, child.members);
    }
  }
  return { blocName: DEMO_BLOC_NAME, clusters, branches, memberCount: memberNumber };
}

/** A plausible Vietnamese full name (family, middle and given name by sex), from the seeded generator. */
export function fullName(random: () => number): string {
  const sex = random() < 0.5 ? 'male' : 'female';
  return [weighted(FAMILY_NAMES, random), pick(MIDDLE_NAMES[sex], random), pick(GIVEN_NAMES[sex], random)].join(' ');
}

export function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)]!;
}

function weighted(items: readonly [string, number][], random: () => number): string {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** A small seeded generator (mulberry32): reproducible without a dependency. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
