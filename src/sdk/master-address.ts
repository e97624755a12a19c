/**
 * Where a client sends its requests. Users write `host:port` or `http://host:port` (as Mesos'
 * `--master` flag accepts); redirects from a non-leading master arrive as protocol-relative
 * `Location: //host:port/path`. Everything becomes an origin (`http://host:port`) so paths can be
 * appended without guessing.
 */
import { ValidationError } from '../lib/errors.ts';

/** Turns `host:port`, `http://host:port` or `https://host:port[/]` into `http://host:port`. */
export function masterOrigin(master: string, field = 'master'): string {
  const text = master.trim();
  if (text === '') throw ValidationError.of(field, 'is empty; expected host:port or http://host:port');
  if (text.startsWith('zk://')) {
    // zk:// needs a detector, not an origin: masterTargetFor (master-target.ts) handles both forms.
    throw ValidationError.of(field, `'${text}' is a ZooKeeper URL; resolve it with masterTargetFor, not masterOrigin`);
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw ValidationError.of(field, `'${text}' is not host:port or http://host:port`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw ValidationError.of(field, `'${text}' uses ${url.protocol}; only http and https are supported`);
  }
  if (url.hostname === '') throw ValidationError.of(field, `'${text}' has no host`);
  return url.origin;
}

/**
 * The origin a 307 points at. Mesos answers `//leader:port/original/path`; like mesos-go we keep
 * only the leader's host and port and go on using our own path, so a redirect can never move a
 * client onto another endpoint.
 */
export function redirectOrigin(currentOrigin: string, location: string): string {
  const target = new URL(location, currentOrigin);
  return target.origin;
}
