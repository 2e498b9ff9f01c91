/**
 * Burst benchmark: N members (default 300) each send /chibo at the same moment to the real app
 * (TestBot: runner, database, bot, transport, budget), against the fake Bot API enforcing
 * Telegram's limits, with latency jitter by default (40–160 ms per call, as bench:broadcast).
 *
 *   npx tsx scripts/bench-burst.ts [--members 300] [--latency 40-160]
 *   npm run bench:burst -- --members 1000
 *
 * Prints how many were answered (and how many twice), the 429s, and when the answers arrived
 * (from the moment the updates were queued). Exits 1 unless every member got exactly one answer.
 */
import { parseArgs } from 'node:util';
import { SYSTEM } from '../src/services/actor.js';
import { privateChat, user } from '../tests/fake-telegram/updates.js';
import { TestBot } from '../tests/helpers/app.js';
import { seedSmallBloc } from '../tests/helpers/db.js';

const FIRST = 700_001;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { members: { type: 'string', default: '300' }, latency: { type: 'string', default: '40-160' } } });
  const n = Number(values.members);
  const [min = NaN, max = min] = values.latency.split('-').map(Number);
  if (!Number.isInteger(n) || n < 1) throw new Error('--members must be a positive whole number');
  if (!(min >= 0 && max >= min)) throw new Error('--latency must be milliseconds ≥ 0, or min-max');

  const t = await TestBot.start(); // the fake has Telegram's limits
  t.fake.setLatency({ min, max });
  const bloc = seedSmallBloc(t.services);
  const members = Array.from({ length: n }, (_, i) => user(FIRST + i));
  t.app.db.transaction(() => {
    for (const [i, m] of members.entries()) {
      t.services.members.create({ code: `B${i}`, fullName: `Đảng viên ${i}`, branchId: bloc.cell.id, roles: ['member'], telegramUserId: m.id }, SYSTEM);
    }
  });
  const mark = t.fake.mark();
  const started = Date.now();
  for (const m of members) t.fake.sendCommand(m, privateChat(m), 'chibo');
  await t.fake.waitForCount('sendMessage', n, { after: mark, timeoutMs: 30 * 60_000, predicate: (_p, c) => c.response.ok });
  await t.settle();
  const calls = t.fake.calls.slice(mark).filter((c) => c.method === 'sendMessage');
  const perChat = new Map<number, number>();
  for (const c of calls) if (c.response.ok) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
  const tooMany = calls.filter((c) => c.response.error_code === 429).length;
  const arrivals = calls.filter((c) => c.response.ok).map((c) => c.at - started).sort((a, b) => a - b);
  const at = (q: number) => `${(arrivals[Math.floor(q * (arrivals.length - 1))]! / 1000).toFixed(1)} s`;
  const answered = members.filter((m) => perChat.get(m.id) === 1).length;
  const twice = members.filter((m) => (perChat.get(m.id) ?? 0) > 1).length;
  await t.stop();

  console.log(`members:           ${n}`);
  console.log(`answered once:     ${answered}${twice ? ` (${twice} twice)` : ''}`);
  console.log(`429 answers:       ${tooMany} (${((tooMany / calls.length) * 100).toFixed(2)} % of ${calls.length} calls)`);
  console.log(`answers arrived:   median ${at(0.5)}, last ${at(1)} after the burst (${(n / (arrivals.at(-1)! / 1000)).toFixed(1)} answers/s)`);
  console.log(`fake latency:      ${min === max ? `${min} ms` : `${min}–${max} ms (jitter)`}`);
  const ok = answered === n;
  console.log(ok ? 'OK: every member got exactly one answer' : 'FAILED: some members got no answer, or more than one');
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
