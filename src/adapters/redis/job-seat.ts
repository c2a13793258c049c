/**
 * Job seats: how many worker processes of one machine take queued jobs at once (docs/operations.md,
 * "How many processes"). A machine has a few seats, each a lease in Redis (redis-lock.ts); a
 * process takes queued jobs only while it holds one, and the others stand by and look for a free
 * seat every third of the lease. One process keeps about one and a half cores busy at full speed,
 * so on a 2-core machine a second one taking jobs too made every mail dearer and the whole slower
 * (bench/README.md); standing by, it still takes over when the first stops.
 *
 * A seat is a matter of speed, not of safety: every job is idempotent and every allocation
 * race-free (docs/architecture.md), so two processes briefly in one seat (a holder stalled past
 * its lease) do nothing wrong. What a seat must not do is keep the jobs waiting: a holder that
 * was killed frees its seat at once for a process that can see it is gone (the same pid space),
 * and by its lease running out for the others.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { processAlive, type ThisMachine } from '../host/this-machine.js';
import { createRedisLock, holderOf, type RedisLock } from './redis-lock.js';

const DELETE_IF_SAME = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface JobSeatOptions {
  redis: Redis;
  /** Key prefix in Redis (the deployment's queue prefix): seats are per deployment and machine. */
  prefix: string;
  /**
   * Whose seats: the stages the process takes jobs of (`ingest+reply+validate`). Processes that
   * take different stages do not compete: each set has seats of its own.
   */
  stages: string;
  /** Seats on this machine: how many of its processes take jobs at once. */
  seats: number;
  me: ThisMachine;
  /** @defaultValue 15000 ms; a standby looks every third of it. */
  ttlMs?: number;
  logger: Logger;
  /** This process took a seat: it starts its queue workers. */
  onTaken(): Promise<void>;
  /** Another process holds this one's seat now (it stalled past its lease): it stops them, letting jobs in hand finish. */
  onLost(): Promise<void>;
}

export interface JobSeat {
  /** Looks for a seat once (taking it starts the queue workers before this resolves), then every third of the lease. */
  start(): Promise<void>;
  /** Stops looking and frees the seat; the caller closes its queue workers. */
  stop(): Promise<void>;
  /** The seat held (0-based), or null while standing by. */
  held(): number | null;
}

/** Seats on a machine of this many cores when the operator names none: one per two cores. */
export function defaultSeats(cores: number): number {
  return Math.max(1, Math.floor(cores / 2));
}

export function createJobSeat(o: JobSeatOptions): JobSeat {
  if (!Number.isInteger(o.seats) || o.seats < 1) throw new Error(`seats must be a positive integer, got ${o.seats}`);
  const ttlMs = o.ttlMs ?? 15_000;
  // Read back by clearIfAbandoned: the pid, and the pid space in which it means something.
  const holder = `${o.me.pid}@${o.me.pidSpace}`;
  const log = o.logger.child({ component: 'job-seat' });
  const keyOf = (seat: number) => `${o.prefix}:job-seat:${o.stages}:${o.me.machine}:${seat}`;
  const locks: RedisLock[] = Array.from({ length: o.seats }, (_, seat) => createRedisLock({ redis: o.redis, key: keyOf(seat), ttlMs, logger: o.logger, holder }));
  let mine: number | null = null;
  let standingBy = false;
  let tick: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  /** Frees a seat whose holder ran in our pid space and is gone (killed: its lease would linger). */
  async function clearIfAbandoned(seat: number): Promise<void> {
    const value = await o.redis.get(keyOf(seat));
    const held = value === null ? null : holderOf(value);
    if (value === null || held === null) return;
    const at = held.indexOf('@');
    const pid = Number(held.slice(0, at));
    if (at < 1 || held.slice(at + 1) !== o.me.pidSpace || !Number.isInteger(pid) || pid === o.me.pid || processAlive(pid)) return;
    if (Number(await o.redis.eval(DELETE_IF_SAME, 1, keyOf(seat), value)) === 1) log.info({ seat, pid }, 'freed the job seat of a process that is gone');
  }

  async function look(): Promise<void> {
    if (mine !== null) {
      // A seat that is free again (Redis lost its keys) is simply taken back, the queue workers kept.
      // Redis unreachable: acquire throws, and the workers are kept until the next look.
      if ((await locks[mine]!.renew()) || (await locks[mine]!.acquire())) return;
      log.warn({ seat: mine }, 'another process took this job seat: taking no more jobs until one is free again');
      mine = null;
      await o.onLost();
    }
    for (let seat = 0; seat < o.seats && !stopped; seat++) {
      await clearIfAbandoned(seat);
      if (await locks[seat]!.acquire()) {
        mine = seat;
        standingBy = false;
        log.info({ seat, seats: o.seats, stages: o.stages }, 'took a job seat: taking queued jobs');
        await o.onTaken();
        return;
      }
    }
    if (!standingBy) log.info({ seats: o.seats, stages: o.stages }, 'every job seat of this machine is taken: standing by to take over');
    standingBy = true;
  }

  /** One look at a time; a failed one (Redis away) is logged and the next tick tries again. */
  function lookOnce(): Promise<void> {
    running = running.then(() => (stopped ? undefined : look())).catch((err: unknown) => log.warn({ err: String(err) }, 'could not look for a job seat'));
    return running;
  }

  return {
    async start() {
      await lookOnce();
      tick = setInterval(() => void lookOnce(), Math.max(1, Math.floor(ttlMs / 3)));
      tick.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(tick);
      await running;
      if (mine !== null) await locks[mine]!.release();
      mine = null;
    },
    held: () => mine,
  };
}
