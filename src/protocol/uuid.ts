/**
 * Status-update and operation UUIDs as Mesos puts them on the wire: 16 raw bytes, base64 in
 * JSON. The master rejects an ACKNOWLEDGE whose uuid is not exactly that.
 */
import { randomUUID } from 'node:crypto';

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A fresh random (v4) UUID in wire form: base64 of its 16 bytes (24 characters). */
export function newWireUuid(): string {
  return uuidTextToWire(randomUUID()) as string;
}

/** `xxxxxxxx-xxxx-...` -> base64 of the 16 bytes; undefined if the text is not a UUID. */
export function uuidTextToWire(text: string): string | undefined {
  if (!UUID_TEXT.test(text)) return undefined;
  return Buffer.from(text.replaceAll('-', ''), 'hex').toString('base64');
}

/** Base64 of 16 bytes -> canonical lowercase text form; undefined unless it is exactly 16 bytes. */
export function wireUuidToText(wire: string): string | undefined {
  if (wire.length !== 24 || !/^[A-Za-z0-9+/]{22}==$/.test(wire)) return undefined;
  const hex = Buffer.from(wire, 'base64').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
