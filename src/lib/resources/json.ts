/** Small helpers for plain JSON data. */

/** Deep copy of plain JSON data (much cheaper than structuredClone for these small objects). */
export function cloneJson<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneJson) as T;
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined && x !== null) out[k] = cloneJson(x);
    }
    return out as T;
  }
  return v;
}

/** Deletes null and undefined properties in place. */
export function stripNulls<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === null || o[k] === undefined) delete o[k];
  return o;
}
