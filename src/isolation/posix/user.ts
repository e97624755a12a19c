/**
 * Resolves a user name to uid/gid from /etc/passwd, so a task can run as its framework's user
 * when the agent runs as root. Names that do not resolve are an error the launch reports.
 */
import { readFileSync } from 'node:fs';

export interface UserIds {
  readonly uid: number;
  readonly gid: number;
}

export function parsePasswd(text: string, user: string): UserIds | undefined {
  for (const line of text.split('\n')) {
    const [name, , uid, gid] = line.split(':');
    if (name === user && uid !== undefined && gid !== undefined) return { uid: Number(uid), gid: Number(gid) };
  }
  return undefined;
}

export function lookupUser(user: string, passwdPath = '/etc/passwd'): UserIds {
  const ids = parsePasswd(readFileSync(passwdPath, 'utf8'), user);
  if (!ids) throw new Error(`user '${user}' does not exist on this host`);
  return ids;
}
