/**
 * MasterInfo as Mesos publishes it (scheduler SUBSCRIBED, agent SUBSCRIBED, ZooKeeper): id, the
 * IPv4 address as a network-order uint32, `master@ip:port`, address and capabilities.
 */
import { MESOS_VERSION } from './version.ts';
import type { MasterInfoWire } from './wire.ts';

/** MasterInfo.ip: the IPv4 address as a uint32 in network byte order, read as a host integer. */
export function ipToMesosUint32(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return 0;
  const [a = 0, b = 0, c = 0, d = 0] = parts;
  return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
}

export function masterInfoFor(id: string, ip: string, port: number, hostname: string): MasterInfoWire {
  return {
    id,
    ip: ipToMesosUint32(ip),
    port,
    pid: `master@${ip}:${port}`,
    hostname,
    version: MESOS_VERSION,
    address: { hostname, ip, port },
    capabilities: [{ type: 'AGENT_UPDATE' }, { type: 'AGENT_DRAINING' }, { type: 'QUOTA_V2' }],
  };
}

