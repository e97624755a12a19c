/**
 * ZooKeeper URLs as Mesos takes them: `zk://[user:pass@]host1:port1,host2:port2/path`.
 * Masters (`--zk`), agents and schedulers (`--master`) share this one parser, so a URL that
 * works for one works for all. Pure: `file://` indirection is resolved by the caller, who owns I/O.
 */
import { ValidationError } from './errors.ts';

export interface ZkServer {
  readonly host: string;
  readonly port: number;
}

export interface ZkCredentials {
  readonly user: string;
  readonly password: string;
}

export interface ZkUrl {
  readonly servers: readonly ZkServer[];
  /** `host:port,host:port`, the form ZooKeeper clients take. */
  readonly connectString: string;
  /** Absolute znode path without a trailing slash, e.g. `/mesos`. */
  readonly path: string;
  /** Digest credentials (`user:pass@`); absent means open ACLs. */
  readonly credentials?: ZkCredentials;
}

const DEFAULT_ZK_PORT = 2181;

/** True when `text` looks like a ZooKeeper URL rather than `host:port` or `http://...`. */
export function isZkUrl(text: string): boolean {
  return text.trim().toLowerCase().startsWith('zk://');
}

/**
 * Mesos also takes `file:///path` for `--zk`/`--master`: the file holds the real URL (so a
 * password stays out of `ps`). `readText` is the caller's I/O (e.g. fs.promises.readFile).
 */
export async function resolveZkUrl(text: string, readText: (path: string) => Promise<string>, field = 'zk'): Promise<ZkUrl> {
  const trimmed = text.trim();
  if (!trimmed.toLowerCase().startsWith('file://')) return parseZkUrl(trimmed, field);
  const path = decodeURIComponent(trimmed.slice('file://'.length));
  let contents: string;
  try {
    contents = await readText(path);
  } catch (error) {
    throw ValidationError.of(field, `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseZkUrl(contents, field);
}

/** Parses a `zk://` URL; throws ValidationError naming `field` with every problem found. */
export function parseZkUrl(text: string, field = 'zk'): ZkUrl {
  const trimmed = text.trim();
  if (!isZkUrl(trimmed)) throw ValidationError.of(field, `expected zk://[user:pass@]host:port[,host:port...]/path, got '${text}'`);
  const rest = trimmed.slice('zk://'.length);
  const slash = rest.indexOf('/');
  if (slash < 0) throw ValidationError.of(field, 'missing znode path (e.g. zk://host:2181/mesos)');
  const authority = rest.slice(0, slash);
  const path = normalisePath(rest.slice(slash));

  const problems: { path: string; message: string }[] = [];
  const at = authority.lastIndexOf('@');
  let credentials: ZkCredentials | undefined;
  if (at >= 0) {
    const userInfo = authority.slice(0, at);
    const colon = userInfo.indexOf(':');
    if (colon <= 0) problems.push({ path: field, message: `credentials must be user:pass, got '${userInfo}'` });
    else credentials = { user: decodeURIComponent(userInfo.slice(0, colon)), password: decodeURIComponent(userInfo.slice(colon + 1)) };
  }
  const hostList = authority.slice(at + 1);
  const servers: ZkServer[] = [];
  if (hostList === '') problems.push({ path: field, message: 'no ZooKeeper servers given' });
  else {
    for (const entry of hostList.split(',')) {
      const server = parseServer(entry);
      if (typeof server === 'string') problems.push({ path: field, message: server });
      else servers.push(server);
    }
  }
  if (path === '') problems.push({ path: field, message: 'znode path must not be the root' });
  else if (/\/\//.test(path) || /\/\.{1,2}(\/|$)/.test(path)) problems.push({ path: field, message: `invalid znode path '${path}'` });
  if (problems.length > 0) throw new ValidationError(problems);

  const url: ZkUrl = { servers, connectString: servers.map((s) => `${formatHost(s.host)}:${s.port}`).join(','), path };
  return credentials ? { ...url, credentials } : url;
}

function normalisePath(raw: string): string {
  const withoutTrailing = raw.replace(/\/+$/, '');
  return withoutTrailing;
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** `host`, `host:port` or `[v6]:port`; returns a message when malformed. */
function parseServer(entry: string): ZkServer | string {
  const text = entry.trim();
  if (text === '') return 'empty server entry in the host list';
  let host: string;
  let portText: string | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return `unterminated IPv6 address in '${text}'`;
    host = text.slice(1, close);
    const after = text.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return `unexpected '${after}' after IPv6 address`;
    portText = after === '' ? undefined : after.slice(1);
  } else {
    const colon = text.lastIndexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    portText = colon < 0 ? undefined : text.slice(colon + 1);
  }
  if (host === '' || /[\s/@]/.test(host)) return `invalid host in '${text}'`;
  if (portText === undefined) return { host, port: DEFAULT_ZK_PORT };
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) return `invalid port '${portText}' in '${text}'`;
  return { host, port };
}
