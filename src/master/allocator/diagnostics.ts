/**
 * Why a framework got nothing: counters bumped during a round (cheap: numbers, no strings), turned
 * into a readable report only when someone asks. Filter details are read from the live filters
 * at report time rather than copied during the round.
 */

export interface RoundNote {
  /** The round these counters belong to; older notes are stale. */
  round: number;
  offers: number;
  /** Agents skipped because a decline filter covered what they had. */
  filtered: number;
  /** Agents whose remainder was below this framework's minimum allocatable size. */
  belowMinimum: number;
  /** Agents held back because a role's quota limit (or others' guarantee headroom) was reached. */
  quotaCapped: number;
  /** Agents with GPUs skipped because the framework lacks GPU_RESOURCES. */
  gpuOnly: number;
}

export function freshNote(round: number): RoundNote {
  return { round, offers: 0, filtered: 0, belowMinimum: 0, quotaCapped: 0, gpuOnly: 0 };
}

export interface FilterDetail {
  role: string;
  agentId: string;
  expiresAt: number;
}

/** The answer to "why no offers?" for one framework. */
export interface NoOfferReport {
  frameworkId: string;
  round: number;
  active: boolean;
  offers: number;
  suppressedRoles: string[];
  filters: FilterDetail[];
  filtered: number;
  belowMinimum: number;
  quotaCapped: number;
  gpuOnly: number;
  /** Agents skipped without a walk: every framework of the role refused them before, nothing changed since. */
  refusedByAll: number;
  /** One line per reason that applied, in plain words. */
  reasons: string[];
}

export function describe(report: Omit<NoOfferReport, 'reasons'>, roles: readonly string[]): NoOfferReport {
  const reasons: string[] = [];
  if (!report.active) reasons.push('framework is inactive');
  if (report.suppressedRoles.length > 0 && report.suppressedRoles.length === roles.length) reasons.push('all its roles are suppressed');
  else if (report.suppressedRoles.length > 0) reasons.push(`suppressed roles: ${report.suppressedRoles.join(', ')}`);
  if (report.filtered > 0) reasons.push(`${report.filtered} agent(s) skipped by decline filters`);
  if (report.belowMinimum > 0) reasons.push(`${report.belowMinimum} agent(s) had less than the minimum allocatable`);
  if (report.quotaCapped > 0) reasons.push(`${report.quotaCapped} agent(s) held back by quota limits or guarantee headroom`);
  if (report.gpuOnly > 0) reasons.push(`${report.gpuOnly} GPU agent(s) skipped: no GPU_RESOURCES capability`);
  if (report.refusedByAll > 0) reasons.push(`${report.refusedByAll} agent(s) refused by every framework of the role (filters, minimums or capabilities) and unchanged since`);
  if (report.offers === 0 && reasons.length === 0) reasons.push('no agent had free resources when its turn came (others were ahead in fair share)');
  return { ...report, reasons };
}
