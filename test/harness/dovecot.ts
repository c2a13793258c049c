/**
 * A real Dovecot IMAP server for tests and the sandbox: one temp dir, one loopback port, users
 * from a passwd file, maildir storage. Started as `nobody` through `runuser` when this process is
 * root, as the current user otherwise. `stop()` removes everything; `halt()`/`resume()` take the
 * server down and bring it back on the same port with the same mail, for reconnect tests.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { dovecotConfig, passwdFile } from './dovecot-config.js';
import { freePort, waitForPort } from './free-port.js';

const DOVECOT_BIN = '/usr/sbin/dovecot';

export interface DovecotUser {
  user: string;
  pass: string;
}

export interface ImapEnv {
  host: string;
  port: number;
  secure: false;
  user: string;
  pass: string;
}

export interface DovecotServer {
  host: '127.0.0.1';
  port: number;
  users: DovecotUser[];
  /** The temp dir holding config, logs and mail. */
  dir: string;
  /** Connection settings for `user` (default: the first user). */
  imapEnv(user?: string): ImapEnv;
  /** APPENDs a message (with this INTERNALDATE, else now); resolves with its UID (Dovecot has UIDPLUS). */
  append(user: string, folder: string, raw: Buffer | string, flags?: string[], internalDate?: Date): Promise<number | undefined>;
  createFolder(user: string, name: string): Promise<void>;
  deleteFolder(user: string, name: string): Promise<void>;
  /** Runs `fn` with a fresh logged-in client, logging out afterwards (for assertions on flags etc.). */
  withClient<T>(user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T>;
  /** Stops the daemon but keeps the mail; `resume()` starts it again on the same port. */
  halt(): Promise<void>;
  resume(): Promise<void>;
  /** Stops the daemon and removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

interface RunAs {
  user: string;
  group: string;
  uid: number;
  gid: number;
  /** `runuser` when root must drop to another account, else nothing. */
  wrap: string[];
}

function runAsAccount(): RunAs {
  if (process.getuid?.() === 0) {
    return { user: 'nobody', group: 'nogroup', uid: 65534, gid: 65534, wrap: ['runuser', '-u', 'nobody', '--'] };
  }
  const me = os.userInfo();
  const group = fs.readFileSync('/etc/group', 'utf8').split('\n').find((l) => l.split(':')[2] === String(me.gid))?.split(':')[0];
  return { user: me.username, group: group ?? me.username, uid: me.uid, gid: me.gid, wrap: [] };
}

// Safety net for a test process that dies before calling stop(): no daemon outlives it.
const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running) signalGroup(pid, 'SIGKILL');
});

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Whether the daemon still runs. The daemonized master is re-parented to PID 1, which in a
 * container may reap it late: a zombie (state `Z` in /proc) counts as gone.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

export interface StartDovecotOptions {
  users?: DovecotUser[];
  /** Post-login CAPABILITY list to announce instead of Dovecot's own (e.g. one without IDLE). */
  capabilities?: string;
}

export async function startDovecot(opts: StartDovecotOptions = {}): Promise<DovecotServer> {
  const users = opts.users ?? [{ user: 'mailbox@test.local', pass: randomBytes(8).toString('hex') }];
  if (users.length === 0) throw new Error('startDovecot needs at least one user');
  const runAs = runAsAccount();
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'dovecot-'));
  for (const sub of ['run', 'state', 'home']) await fsp.mkdir(path.join(dir, sub));
  const port = await freePort();
  await fsp.writeFile(path.join(dir, 'dovecot.conf'), dovecotConfig({ dir, port, runAs, capabilities: opts.capabilities }));
  await fsp.writeFile(path.join(dir, 'passwd'), passwdFile(users));
  if (runAs.wrap.length) await chownTree(dir, runAs.uid, runAs.gid);

  let masterPid: number | null = null;

  async function launch(): Promise<void> {
    // Dovecot daemonizes but keeps the caller's stdout open: send it to a file.
    const out = await fsp.open(path.join(dir, 'stdout.txt'), 'a');
    const argv = [...runAs.wrap, DOVECOT_BIN, '-c', path.join(dir, 'dovecot.conf')];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), { stdio: ['ignore', out.fd, out.fd] });
      child.once('error', reject);
      child.once('exit', resolve);
    }).finally(() => out.close());
    if (code !== 0) throw new Error(`dovecot exited with ${code}:\n${await readLogs(dir)}`);
    try {
      await waitForPort('127.0.0.1', port, 10_000);
      masterPid = await readMasterPid(dir);
      running.add(masterPid);
    } catch (err) {
      // Do not leave a half-started daemon behind.
      const pid = Number((await fsp.readFile(path.join(dir, 'run', 'master.pid'), 'utf8').catch(() => '')).trim());
      if (pid > 0) signalGroup(pid, 'SIGKILL');
      throw new Error(`${(err as Error).message}\n${await readLogs(dir)}`, { cause: err });
    }
  }

  async function halt(): Promise<void> {
    const pid = masterPid;
    if (pid === null) return;
    masterPid = null;
    // The whole process group (Dovecot calls setsid, so its id is the master's pid): a master
    // going down alone leaves running imap sessions behind, and clients would never notice.
    signalGroup(pid, 'SIGTERM');
    const deadline = Date.now() + 5_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    signalGroup(pid, 'SIGKILL');
    running.delete(pid);
  }

  async function resume(): Promise<void> {
    if (masterPid !== null) return;
    // The old listener may linger for a moment after its master exits; retry the bind.
    for (let attempt = 1; ; attempt++) {
      try {
        await launch();
        return;
      } catch (err) {
        if (attempt >= 10) throw err;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  function imapEnv(user = users[0]!.user): ImapEnv {
    const account = users.find((u) => u.user === user);
    if (!account) throw new Error(`no such test user: ${user}`);
    return { host: '127.0.0.1', port, secure: false, user: account.user, pass: account.pass };
  }

  async function withClient<T>(user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
    const env = imapEnv(user);
    const client = new ImapFlow({ host: env.host, port: env.port, secure: false, auth: { user: env.user, pass: env.pass }, logger: false });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.logout().catch(() => client.close());
    }
  }

  await launch();

  return {
    host: '127.0.0.1',
    port,
    users,
    dir,
    imapEnv,
    withClient,
    async append(user, folder, raw, flags, internalDate) {
      return withClient(user, async (c) => {
        const res = await c.append(folder, typeof raw === 'string' ? Buffer.from(raw) : raw, flags, internalDate);
        if (!res) throw new Error(`APPEND to ${folder} was refused`);
        return res.uid;
      });
    },
    async createFolder(user, name) {
      await withClient(user, (c) => c.mailboxCreate(name));
    },
    async deleteFolder(user, name) {
      await withClient(user, (c) => c.mailboxDelete(name));
    },
    halt,
    resume,
    async stop() {
      await halt();
      await fsp.rm(dir, { recursive: true, force: true });
    },
  };
}

/** The listener can answer before the daemonized master has written its pid file: wait for it. */
async function readMasterPid(dir: string): Promise<number> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const text = await fsp.readFile(path.join(dir, 'run', 'master.pid'), 'utf8').catch(() => '');
    const pid = Number(text.trim());
    if (Number.isInteger(pid) && pid > 0) return pid;
    if (Date.now() > deadline) throw new Error(`dovecot wrote no master.pid in ${dir}/run:\n${await readLogs(dir)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await fsp.chown(dir, uid, gid);
  for (const entry of await fsp.readdir(dir, { withFileTypes: true, recursive: true })) {
    await fsp.chown(path.join(entry.parentPath, entry.name), uid, gid);
  }
}

async function readLogs(dir: string): Promise<string> {
  const parts = await Promise.all(['stdout.txt', 'dovecot.log'].map((f) => fsp.readFile(path.join(dir, f), 'utf8').catch(() => '')));
  return parts.join('\n').trim();
}
