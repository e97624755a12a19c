/**
 * Mesos keeps scalar resources to three decimal places (values are rounded on every operation so
 * that e.g. 0.1 + 0.2 == 0.3). We store scalars as integer thousandths ("milli"), which makes
 * that exact and keeps addition associative.
 */

export const MILLI_PER_UNIT = 1000;

/** Natural units -> integer thousandths, rounded the way Mesos rounds (to nearest). */
export function toMilli(value: number): number {
  return Math.round(value * MILLI_PER_UNIT);
}

/** Integer thousandths -> natural units; the result prints with at most three decimals. */
export function fromMilli(milli: number): number {
  return milli / MILLI_PER_UNIT;
}
