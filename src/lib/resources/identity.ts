/**
 * Identity keys of resource entries: strings equal exactly when two resources may combine, and
 * ordered so that entry arrays can be merged linearly.
 */
import type { ReservationInfoWire } from './wire.ts';

/** JSON with object keys sorted (nulls dropped), so equal structures give equal strings. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonical(value[i]);
    return `${out}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    let out = '{';
    let first = true;
    for (const k of keys) {
      const v = record[k];
      if (v === undefined || v === null) continue;
      out += `${first ? '' : ','}${JSON.stringify(k)}:${canonical(v)}`;
      first = false;
    }
    return `${out}}`;
  }
  return JSON.stringify(value);
}

/**
 * `name NUL type NUL rest END`, where rest is empty for the common plain resource (no
 * reservation, disk, revocable, shared or provider) so the keys compared on hot paths stay short.
 * END (U+0002) appears nowhere else (names reject control characters and JSON escapes them), so
 * no identity is a prefix of another and appending an allocation role never changes their order.
 */
export function identityOf(name: string, kind: string, meta: Record<string, unknown>, reservations: readonly ReservationInfoWire[], countedValue: string | undefined): string {
  let rest = reservations.length > 0 ? canonical(reservations) : '';
  for (const field of OPTIONAL_IDENTITY_FIELDS) {
    const v = meta[field];
    if (v !== undefined) rest += `|${field}=${canonical(v)}`;
  }
  if (countedValue !== undefined) rest += `|value=${countedValue}`;
  return `${name}\u0000${kind}\u0000${rest}\u0002`;
}

export const OPTIONAL_IDENTITY_FIELDS = ['disk', 'revocable', 'shared', 'provider_id'] as const;

/** `identity` plus the allocation role; identities being prefix-free, the suffix never reorders keys of different identities. */
export function keyOf(identity: string, allocationRole: string | undefined): string {
  return allocationRole === undefined ? identity : `${identity}\u0001${allocationRole}`;
}
