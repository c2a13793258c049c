/**
 * CPU time of another process and of everything it started, read from /proc (in clock ticks of
 * 10 ms on Linux): the worker runs in its own process and reads workbooks in child processes of
 * its own (docs/limits.md), so its CPU per mail is read from outside, over the whole tree.
 */
import fs from 'node:fs';

const TICK_MS = 10;

interface Stat { comm: string; ppid: number; ownTicks: number; reapedChildrenTicks: number }

function statOf(pid: number): Stat | null {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ppid: Number(f[1]), ownTicks: Number(f[11]) + Number(f[12]), reapedChildrenTicks: Number(f[13]) + Number(f[14]) };
}

function allProcesses(): Map<number, Stat> {
  const all = new Map<number, Stat>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = statOf(Number(name));
    if (s) all.set(Number(name), s);
  }
  return all;
}

/** `pid` and its live descendants, as far as `all` knows them. */
function treeOf(all: Map<number, Stat>, pid: number): number[] {
  const tree: number[] = [];
  const pending = [pid];
  while (pending.length > 0) {
    const p = pending.pop()!;
    if (!all.has(p)) continue;
    tree.push(p);
    for (const [child, cs] of all) if (cs.ppid === p) pending.push(child);
  }
  return tree;
}

function treeTicks(all: Map<number, Stat>, pid: number): number {
  let ticks = 0;
  for (const p of treeOf(all, pid)) {
    const s = all.get(p)!;
    ticks += s.ownTicks + s.reapedChildrenTicks;
  }
  return ticks;
}

/**
 * utime + stime of `pid` and of its live descendants, plus what the children it has already
 * waited for used (cutime + cstime: a reading process killed at a cap and replaced still counts).
 */
export function processCpuMs(pid: number): number {
  return treeTicks(allProcesses(), pid) * TICK_MS;
}

/**
 * How many times a thread of `pid`'s tree (live processes only) was switched out while it could
 * still have run (`nonvoluntary_ctxt_switches` of every thread): the cores were wanted by more
 * threads than there were. A thread resumes with colder caches: in the bench, where this count
 * rose, so did the CPU each mail cost (bench/README.md, seventh session).
 */
export function processPreemptions(pid: number): number {
  let switches = 0;
  for (const p of treeOf(allProcesses(), pid)) {
    let tasks: string[];
    try {
      tasks = fs.readdirSync(`/proc/${p}/task`);
    } catch {
      continue; // gone meanwhile
    }
    for (const task of tasks) {
      try {
        const status = fs.readFileSync(`/proc/${p}/task/${task}/status`, 'utf8');
        switches += Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      } catch {
        // The thread ended meanwhile.
      }
    }
  }
  return switches;
}

/** The servers the worker talks to on this machine, by the command name of their main process. */
export const SERVICES = { postgres: 'postgres', dovecot: 'dovecot', redis: 'redis-server' } as const;
export type Service = keyof typeof SERVICES;

/**
 * CPU of each server's process trees (a PostgreSQL backend or a Dovecot imap process that has
 * ended is in its master's reaped-children time). Other users of the same server count too, so
 * the bench reads it on an otherwise idle machine.
 */
export function serviceCpuMs(): Record<Service, number> {
  const all = allProcesses();
  const result = { postgres: 0, dovecot: 0, redis: 0 };
  for (const [service, comm] of Object.entries(SERVICES) as [Service, string][]) {
    for (const [pid, s] of all) {
      // The root of each tree: a process of that name whose parent is not one.
      if (s.comm === comm && all.get(s.ppid)?.comm !== comm) result[service] += treeTicks(all, pid) * TICK_MS;
    }
  }
  return result;
}

/** The machine's load, to print next to the figures it disturbed. */
export function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** The whole machine's CPU from /proc/stat, all cores summed, in ms. */
export interface HostCpu {
  /** Time the cores ran anything: user, nice, system, irq, softirq (guest time is inside user). */
  busy: number;
  /** Time the hypervisor gave a core of ours to another guest. */
  steal: number;
  /** Every state, idle and iowait included: elapsed time × cores. */
  total: number;
}

export function hostCpuMs(): HostCpu {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  // cpu  user nice system idle iowait irq softirq steal guest guest_nice
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
  const busy = user + nice + system + irq + softirq;
  return { busy: busy * TICK_MS, steal: steal * TICK_MS, total: (busy + idle + iowait + steal) * TICK_MS };
}
