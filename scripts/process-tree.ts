/**
 * A process and everything it started, read from Linux's /proc: what the benchmarks count as the
 * bot's memory (every process `npm start` runs, so a regression that adds one shows) and what the
 * process tests check is gone after a stop.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** Process group: a detached child leads its own, and what it starts inherits it. */
  pgid: number;
  /** The command line; empty for a zombie (exited, not yet reaped by its parent). */
  command: string;
  /** The executable's name (Linux's comm, 15 characters at most), kept by a zombie too. */
  name: string;
  /** R running, S sleeping, Z zombie, … */
  state: string;
  /** Resident memory now, and its peak since start or the last resetPeaks (bytes). */
  rss: number;
  peak: number;
}

function read(pid: number): ProcessInfo | undefined {
  try {
    // The command name (field 2) is in parentheses and may hold spaces: the fields after it are read from its end.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const [state = '', ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    return { pid, ppid: Number(ppid), pgid: Number(pgid), command, name, state, rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined; // Gone meanwhile, or a kernel thread.
  }
}

/** Every process on the machine (those this user may read). */
export function allProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => read(Number(name)))
    .filter((p): p is ProcessInfo => p !== undefined);
}

/** `root` and its descendants, root first (empty when root is gone). */
export function processTree(root: number): ProcessInfo[] {
  const all = allProcesses();
  const tree = all.filter((p) => p.pid === root);
  for (let i = 0; i < tree.length; i++) tree.push(...all.filter((p) => p.ppid === tree[i]!.pid));
  return tree;
}

/** The processes still in a process group (a detached child's), whoever their parent is now. */
export function processGroup(pgid: number): ProcessInfo[] {
  return allProcesses().filter((p) => p.pgid === pgid);
}

/** Starts the peak (VmHWM) of each process again from its current RSS. */
export function resetPeaks(processes: readonly ProcessInfo[]): void {
  for (const p of processes) {
    try {
      writeFileSync(`/proc/${p.pid}/clear_refs`, '5');
    } catch {
      // Gone meanwhile.
    }
  }
}

/** Sums over the processes; the peak is the sum of each one's peak, an upper bound when several run. */
export function sumMemory(processes: readonly ProcessInfo[]): { rss: number; peak: number; count: number } {
  return { rss: processes.reduce((s, p) => s + p.rss, 0), peak: processes.reduce((s, p) => s + p.peak, 0), count: processes.length };
}
