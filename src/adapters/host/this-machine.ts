/**
 * Who this process is on its machine, for the job seats (job-seat.ts): which machine's cores it
 * shares, and which process-id space its pid belongs to. Containers on one host share its kernel
 * and so its boot id and cores, but each may number its processes apart: a pid says whether a
 * process is alive only to a process of the same pid space.
 */
import fs from 'node:fs';
import os from 'node:os';

export interface ThisMachine {
  /** The kernel's boot id (one per running kernel, shared by its containers); the host name elsewhere. */
  machine: string;
  /** The pid namespace (`pid:[4026531836]`), or the machine where there is no /proc. */
  pidSpace: string;
  pid: number;
  /** Cores this process may run on (`os.availableParallelism`: the CPU affinity mask, not a cgroup quota). */
  cores: number;
}

export function thisMachine(): ThisMachine {
  const machine = readOr(() => fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(), `host ${os.hostname()}`);
  return { machine, pidSpace: readOr(() => fs.readlinkSync('/proc/self/ns/pid'), machine), pid: process.pid, cores: os.availableParallelism() };
}

/** Whether a process of our pid space runs under this pid (one we may not signal still runs). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOr(read: () => string, fallback: string): string {
  try {
    return read() || fallback;
  } catch {
    return fallback;
  }
}
