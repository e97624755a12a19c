/**
 * Mesos' mapping from task resources to kernel limits, shared by the linux (cgroups) and docker
 * backends so both enforce the same numbers: cpu.shares = max(1024 x cpus, 2); a CFS quota of
 * cpus x 100 ms per 100 ms period when a cpu limit is given (or always with cgroups_enable_cfs);
 * a memory hard limit of max(mem limit or request, 32 MB). An infinite limit means no quota/limit.
 */
import type { ScalarResources } from '../containerizer.ts';

export const CPU_SHARES_PER_CPU = 1024;
export const MIN_CPU_SHARES = 2;
export const CFS_PERIOD_US = 100_000;
export const MIN_CFS_QUOTA_US = 1_000;
export const MIN_MEMORY_BYTES = 32 * 1024 * 1024;
const MB = 1024 * 1024;

export interface KernelLimits {
  /** Unset when the task asked for no cpus: the cgroup keeps the kernel default. */
  readonly cpuShares?: number;
  readonly cfsPeriodUs: number;
  /** Unset means no bandwidth cap. */
  readonly cfsQuotaUs?: number;
  /** Unset means no hard memory limit. */
  readonly memoryLimitBytes?: number;
  readonly memorySoftLimitBytes?: number;
  /** The cpu figure usage() reports as cpus_limit (the limit when one is set, else the request). */
  readonly cpusReported?: number;
}

export interface MappingOptions {
  /** Mesos' --cgroups_enable_cfs: cap cpu at the request even without an explicit limit. */
  readonly enableCfs?: boolean;
}

function quotaFor(cpus: number): number {
  return Math.max(Math.round(cpus * CFS_PERIOD_US), MIN_CFS_QUOTA_US);
}

export function mapResources(resources: ScalarResources, limits: ScalarResources = {}, options: MappingOptions = {}): KernelLimits {
  const cpus = resources['cpus'];
  const cpuLimit = limits['cpus'];
  const mem = resources['mem'];
  const memLimit = limits['mem'];

  let cfsQuotaUs: number | undefined;
  if (cpuLimit !== undefined) cfsQuotaUs = Number.isFinite(cpuLimit) ? quotaFor(cpuLimit) : undefined;
  else if (options.enableCfs === true && cpus !== undefined) cfsQuotaUs = quotaFor(cpus);

  let memoryLimitBytes: number | undefined;
  if (memLimit !== undefined) memoryLimitBytes = Number.isFinite(memLimit) ? Math.max(Math.round(memLimit * MB), MIN_MEMORY_BYTES) : undefined;
  else if (mem !== undefined) memoryLimitBytes = Math.max(Math.round(mem * MB), MIN_MEMORY_BYTES);

  const cpusReported = cpuLimit !== undefined && Number.isFinite(cpuLimit) ? cpuLimit : cpus;
  return {
    ...(cpus !== undefined ? { cpuShares: Math.max(Math.floor(CPU_SHARES_PER_CPU * cpus), MIN_CPU_SHARES) } : {}),
    cfsPeriodUs: CFS_PERIOD_US,
    ...(cfsQuotaUs !== undefined ? { cfsQuotaUs } : {}),
    ...(memoryLimitBytes !== undefined ? { memoryLimitBytes } : {}),
    ...(mem !== undefined ? { memorySoftLimitBytes: Math.max(Math.round(mem * MB), MIN_MEMORY_BYTES) } : {}),
    ...(cpusReported !== undefined ? { cpusReported } : {}),
  };
}
