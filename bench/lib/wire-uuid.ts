/**
 * Status-update uuids for simulated peers: 16 bytes in base64, as the wire wants, made from a
 * random per-process prefix and a counter. Unique within a run and far cheaper than randomUUID()
 * when a simulator makes tens of thousands per second on a shared core.
 */
import { randomBytes } from 'node:crypto';

const buffer = Buffer.alloc(16);
randomBytes(8).copy(buffer, 0);
let counter = 0n;

export function nextWireUuid(): string {
  buffer.writeBigUInt64BE(++counter, 8);
  return buffer.toString('base64');
}
