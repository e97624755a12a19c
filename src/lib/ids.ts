/**
 * Identifiers in Mesos' shapes. Status-update and acknowledgement UUIDs travel as 16 raw bytes,
 * which Mesos' JSON mapping writes as standard base64 (24 characters).
 */
import { randomBytes, randomUUID } from 'node:crypto';

/** A random UUID as text (`8d9c...-...`), the shape of master ids and Mesos-Stream-Id. */
export function newUuid(): string {
  return randomUUID();
}

/** 16 random bytes in base64: the `uuid` of a TaskStatus. */
export function newUuidBytesBase64(): string {
  return randomBytes(16).toString('base64');
}

/** True when `text` is base64 of exactly 16 bytes, as an acknowledgement's uuid must be. */
export function isUuidBytesBase64(text: string): boolean {
  if (!/^[A-Za-z0-9+/]{22}==$/.test(text)) return false;
  return Buffer.from(text, 'base64').length === 16;
}

/** Formats 16 base64 bytes as a dashed UUID for logs and legacy endpoints. */
export function uuidBytesToText(base64: string): string {
  const hex = Buffer.from(base64, 'base64').toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Mesos' framework id: `<masterId>-<4-digit counter>`. */
export function frameworkIdFor(masterId: string, n: number): string {
  return `${masterId}-${String(n).padStart(4, '0')}`;
}

/** Mesos' agent id: `<masterId>-S<n>`. */
export function agentIdFor(masterId: string, n: number): string {
  return `${masterId}-S${n}`;
}

/** Mesos' offer id: `<masterId>-O<n>`. */
export function offerIdFor(masterId: string, n: number): string {
  return `${masterId}-O${n}`;
}
