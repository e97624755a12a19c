/**
 * One entry point for everything that follows a master from a `--master` value (agents, the
 * SDK, the CLI): `zk://...` follows the ZooKeeper election; `host:port` or `http://host:port`
 * is a fixed leader. Either way the caller gets a MasterDetector and `leaderOrigin` turns its
 * answer into `http://host:port`.
 */
import type { Clock } from '../clock.ts';
import { ValidationError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { MasterInfo } from '../../protocol/index.ts';
import { isZkUrl, parseZkUrl } from '../zk-url.ts';
import { type MasterDetector, StandaloneMasterDetector } from './detector.ts';
import { masterEndpoint } from './membership.ts';
import { ZooKeeperMasterDetector } from './zk-detector.ts';

export interface DetectorForOptions {
  readonly sessionTimeoutMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Names the flag in errors. */
  readonly field?: string;
}

export function masterDetectorFor(master: string, options: DetectorForOptions = {}): MasterDetector {
  const field = options.field ?? 'master';
  if (isZkUrl(master)) {
    return new ZooKeeperMasterDetector({
      url: parseZkUrl(master, field),
      ...(options.sessionTimeoutMs === undefined ? {} : { sessionTimeoutMs: options.sessionTimeoutMs }),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
    });
  }
  return new StandaloneMasterDetector(fixedMasterInfo(master, field));
}

/**
 * MasterInfo for a master known only by address. Its id is unknown until the master answers,
 * so it is empty; only the address fields are meaningful.
 */
export function fixedMasterInfo(master: string, field = 'master'): MasterInfo {
  const text = master.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw ValidationError.of(field, `'${text}' is not host:port, http://host:port or zk://host:port/path`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') throw ValidationError.of(field, `'${text}' is not host:port, http://host:port or zk://host:port/path`);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? 5050 : Number(url.port);
  return { id: '', ip: 0, port, hostname, address: { hostname, port } };
}

/** `http://host:port` of a detected leader (IPv6 hosts bracketed). */
export function leaderOrigin(info: MasterInfo): string {
  const { host, port } = masterEndpoint(info);
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
