/**
 * The dovecot.conf of a throwaway, unprivileged IMAP server (see docs/library-notes.md,
 * "Dovecot as an unprivileged test server"). Everything lives under one temp dir owned by the
 * user Dovecot runs as; nothing from /etc/dovecot is read.
 */
export interface DovecotConfigInput {
  dir: string;
  port: number;
  /** Account the daemon and every mail process run as. */
  runAs: { user: string; group: string; uid: number; gid: number };
  /** Replaces the post-login CAPABILITY list, e.g. to play a server without IDLE. */
  capabilities?: string;
}

export function dovecotConfig({ dir, port, runAs, capabilities }: DovecotConfigInput): string {
  return `# written by test/harness/dovecot.ts; throwaway test server
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
# Not started as root (or started as root but running as ${runAs.user}): the processes cannot
# fchown() to other users, so every role is the same account, and uids below 500 are allowed.
default_login_user = ${runAs.user}
default_internal_user = ${runAs.user}
default_internal_group = ${runAs.group}
first_valid_uid = 1
first_valid_gid = 1
# Loopback tests only: plain LOGIN without TLS.
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${runAs.uid} gid=${runAs.gid} home=${dir}/home/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
# Log what clients send in the IMAP ID command (RFC 2971), so tests can check it.
imap_id_log = *
# Tests open several sessions per user from 127.0.0.1 (watchers, helpers); the default is 10.
mail_max_userip_connections = 200
service imap-login {
  # chroot() needs root.
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
${capabilities ? `imap_capability = ${capabilities}\n` : ''}`;
}

/** passwd-file lines: `user:{PLAIN}password`. */
export function passwdFile(users: { user: string; pass: string }[]): string {
  return users.map((u) => `${u.user}:{PLAIN}${u.pass}\n`).join('');
}
