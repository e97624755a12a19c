/**
 * Quota and weight inputs, validated and converted to the allocator's vectors. A role's quota has
 * guarantees (met first, and protected by headroom) and limits (a cap on what the role consumes:
 * its unreserved allocation plus all its reservations). Kinds without a limit are unlimited.
 */
import { ValidationError } from '../../lib/errors.ts';
import type { FieldProblem } from '../../lib/errors.ts';
import { roleProblem } from '../../lib/resources/index.ts';
import type { QuantityVector, ScalarKinds } from './quantity-vector.ts';

/**
 * Scalar amounts in natural units: a plain record (`{cpus: 4}`), anything with `entries()` (a
 * Map, ScalarQuantities), or a Resources value (its scalar totals are used).
 */
export type QuotaAmounts =
  | Readonly<Record<string, number>>
  | { entries(): IterableIterator<[string, number]> }
  | { quantities(): { entries(): IterableIterator<[string, number]> } };

export interface QuotaInput {
  guarantees?: QuotaAmounts;
  limits?: QuotaAmounts;
}

export interface CompiledQuota {
  /** Thousandths per kind; 0 where nothing is guaranteed. */
  readonly guarantees: QuantityVector;
  /** Thousandths per kind; Infinity where there is no limit. */
  readonly limits: QuantityVector;
  readonly hasGuarantees: boolean;
  readonly hasLimits: boolean;
}

export interface WeightInput {
  role: string;
  weight: number;
}

function amountsOf(amounts: QuotaAmounts | undefined): [string, number][] {
  if (!amounts) return [];
  if (typeof (amounts as { quantities?: unknown }).quantities === 'function') {
    return [...(amounts as { quantities(): { entries(): IterableIterator<[string, number]> } }).quantities().entries()];
  }
  if (typeof (amounts as { entries?: unknown }).entries === 'function' && !Array.isArray(amounts)) {
    return [...(amounts as { entries(): IterableIterator<[string, number]> }).entries()];
  }
  return Object.entries(amounts as Record<string, number>);
}

/** Converts and validates; every bad field is reported at once. */
export function compileQuota(input: QuotaInput, kinds: ScalarKinds, path = 'quota'): CompiledQuota {
  const problems: FieldProblem[] = [];
  const read = (amounts: QuotaAmounts | undefined, field: string, fill: number): QuantityVector => {
    const vector: QuantityVector = [];
    for (const [name, value] of amountsOf(amounts)) {
      if (name === '' || name === 'ports') {
        problems.push({ path: `${path}.${field}`, message: `'${name}' is not a scalar resource name quota can apply to` });
      } else if (typeof value !== 'number' || Number.isNaN(value) || value < 0 || value === Infinity) {
        problems.push({ path: `${path}.${field}.${name}`, message: `must be a finite number >= 0, got ${String(value)}` });
      } else {
        vector[kinds.id(name)] = Math.round(value * 1000);
      }
    }
    for (let k = 0; k < kinds.count; k++) if (vector[k] === undefined) vector[k] = fill;
    return vector;
  };
  const guarantees = read(input.guarantees, 'guarantees', 0);
  const limits = read(input.limits, 'limits', Infinity);
  for (let k = 0; k < guarantees.length; k++) {
    const g = guarantees[k] as number;
    const l = limits[k] ?? Infinity;
    if (g > l) problems.push({ path: `${path}.guarantees.${kinds.nameOf(k)}`, message: `guarantee ${g / 1000} exceeds limit ${l / 1000}` });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return {
    guarantees,
    limits,
    hasGuarantees: guarantees.some((g) => g > 0),
    hasLimits: limits.some((l) => l !== Infinity),
  };
}

export function validateWeights(weights: readonly WeightInput[]): void {
  const problems: FieldProblem[] = [];
  weights.forEach((w, i) => {
    const roleIssue = typeof w.role === 'string' ? roleProblem(w.role) : 'must be a role name';
    if (roleIssue) problems.push({ path: `weights[${i}].role`, message: roleIssue });
    if (typeof w.weight !== 'number' || !Number.isFinite(w.weight) || w.weight <= 0) {
      problems.push({ path: `weights[${i}].weight`, message: `must be a finite number > 0, got ${String(w.weight)}` });
    }
  });
  if (problems.length > 0) throw new ValidationError(problems);
}

/** Limit for kind `k`, tolerating vectors compiled before the kind was first seen. */
export function limitOf(quota: CompiledQuota, k: number): number {
  return quota.limits[k] ?? Infinity;
}
