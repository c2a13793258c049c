/**
 * CPU time of another process, read from /proc/<pid>/stat (utime + stime, in clock ticks of
 * 10 ms on Linux): the worker runs in its own process, so its CPU per mail is read from outside.
 */
import fs from 'node:fs';

const TICK_MS = 10;

export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** The machine's load, to print next to the figures it disturbed. */
export function loadAverage(): string {
  return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}
