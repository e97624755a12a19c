/**
 * Mesos' election layout, as pure functions: masters are ephemeral sequential children of the
 * election path named `<label><10-digit sequence>`; the lowest sequence leads whatever its label
 * (`json.info_` for JSON MasterInfo, `info_` for legacy protobuf, none for a raw pid). Anything
 * else under the path (`log_replicas`, our `registry`) is not a member and is ignored.
 */
import { MasterInfo, parseJson } from '../../protocol/index.ts';
import { ValidationError } from '../errors.ts';

/** The label our masters use and the one every Mesos-aware client reads. */
export const MASTER_INFO_LABEL = 'json.info_';

export interface Member {
  /** Child name, e.g. `json.info_0000000042`. */
  readonly name: string;
  readonly label: string;
  readonly sequence: number;
}

const MEMBER_NAME = /^(json\.info_|info_|)(\d{10})$/;

/** The member a child name describes, or null when it is not an election member. */
export function parseMember(name: string): Member | null {
  const match = MEMBER_NAME.exec(name);
  if (!match) return null;
  return { name, label: match[1] ?? '', sequence: Number(match[2]) };
}

/** Members in election order (lowest sequence first). */
export function membersOf(children: readonly string[]): Member[] {
  return children
    .map(parseMember)
    .filter((m): m is Member => m !== null)
    .sort((a, b) => a.sequence - b.sequence);
}

export function leaderOf(children: readonly string[]): Member | null {
  return membersOf(children)[0] ?? null;
}

/** Decodes a `json.info_` node's data; the error names the field at fault. */
export function decodeMasterInfo(data: Buffer | string): MasterInfo {
  const result = parseJson(MasterInfo, data);
  if (!result.ok) throw new ValidationError(result.problems.map((p) => ({ path: p.path === '' ? 'MasterInfo' : `MasterInfo.${p.path}`, message: p.message })));
  return result.value;
}

/** Where to reach a master: `address.hostname:address.port`, falling back to ip, then the legacy fields. */
export function masterEndpoint(info: MasterInfo): { host: string; port: number } {
  const host = info.address?.hostname ?? info.address?.ip ?? info.hostname ?? uint32ToIpv4(info.ip);
  const port = info.address?.port ?? info.port;
  return { host, port };
}

/** MasterInfo.ip is IPv4 in network byte order read as a host (little-endian) integer. */
function uint32ToIpv4(ip: number): string {
  return [ip & 0xff, (ip >>> 8) & 0xff, (ip >>> 16) & 0xff, (ip >>> 24) & 0xff].join('.');
}
