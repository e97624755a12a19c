/**
 * Minimum allocatable sizes: an agent's remainder is offered only if it covers at least one of the
 * requirement sets (OR between sets, AND within one), as Mesos' `--min_allocatable_resources` and
 * `FrameworkInfo.offer_filters[role].min_allocatable_resources` do. The default is `cpus:0.01`
 * OR `mem:32`, so slivers too small to run anything are kept back instead of offered.
 */
import { ValidationError } from '../../lib/errors.ts';
import type { FieldProblem } from '../../lib/errors.ts';
import { covers, isZero } from './quantity-vector.ts';
import type { QuantityVector, ScalarKinds } from './quantity-vector.ts';

/** Requirement sets in natural units, e.g. `[{cpus: 0.01}, {mem: 32}]`. */
export type MinAllocatableSpec = ReadonlyArray<Readonly<Record<string, number>>>;

export const DEFAULT_MIN_ALLOCATABLE: MinAllocatableSpec = [{ cpus: 0.01 }, { mem: 32 }];

/** Validates and converts to thousandths vectors; throws a ValidationError naming each bad field. */
export function compileMinAllocatable(spec: MinAllocatableSpec, kinds: ScalarKinds, path: string): QuantityVector[] {
  const problems: FieldProblem[] = [];
  const compiled: QuantityVector[] = [];
  spec.forEach((set, i) => {
    const vector: QuantityVector = [];
    for (const [name, value] of Object.entries(set)) {
      const field = `${path}[${i}].${name}`;
      if (name === '') problems.push({ path: `${path}[${i}]`, message: 'resource name must not be empty' });
      else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        problems.push({ path: field, message: `must be a finite number >= 0, got ${String(value)}` });
      } else {
        const id = kinds.id(name);
        vector[id] = Math.round(value * 1000);
      }
    }
    for (let k = 0; k < vector.length; k++) if (vector[k] === undefined) vector[k] = 0;
    compiled.push(vector);
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return compiled;
}

/** True when `offer` is worth offering under `requirements` (no requirements: anything non-empty). */
export function meetsMinimum(offer: QuantityVector, requirements: readonly QuantityVector[]): boolean {
  if (requirements.length === 0) return !isZero(offer);
  for (const requirement of requirements) if (covers(offer, requirement)) return true;
  return false;
}
