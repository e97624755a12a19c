/** ResourceStatistics: a container's usage snapshot, as in the agent's /monitor/statistics. */
import { double, field, message, uint32, uint64 } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';

export const ResourceStatistics = message('mesos.v1.ResourceStatistics', () => ({
  /** Seconds since the epoch when the snapshot was taken. */
  timestamp: field(1, double(), { required: true }),
  processes: field(30, uint32()),
  threads: field(31, uint32()),
  cpus_user_time_secs: field(2, double()),
  cpus_system_time_secs: field(3, double()),
  cpus_limit: field(4, double()),
  cpus_nr_periods: field(7, uint32()),
  cpus_nr_throttled: field(8, uint32()),
  cpus_throttled_time_secs: field(9, double()),
  mem_total_bytes: field(36, uint64()),
  mem_total_memsw_bytes: field(37, uint64()),
  mem_limit_bytes: field(6, uint64()),
  mem_soft_limit_bytes: field(38, uint64()),
  mem_file_bytes: field(10, uint64()),
  mem_anon_bytes: field(11, uint64()),
  mem_cache_bytes: field(39, uint64()),
  mem_rss_bytes: field(5, uint64()),
  mem_mapped_file_bytes: field(12, uint64()),
  mem_swap_bytes: field(40, uint64()),
  mem_unevictable_bytes: field(41, uint64()),
  mem_low_pressure_counter: field(32, uint64()),
  mem_medium_pressure_counter: field(33, uint64()),
  mem_critical_pressure_counter: field(34, uint64()),
  disk_limit_bytes: field(26, uint64()),
  disk_used_bytes: field(27, uint64()),
  net_rx_packets: field(14, uint64()),
  net_rx_bytes: field(15, uint64()),
  net_rx_errors: field(16, uint64()),
  net_rx_dropped: field(17, uint64()),
  net_tx_packets: field(18, uint64()),
  net_tx_bytes: field(19, uint64()),
  net_tx_errors: field(20, uint64()),
  net_tx_dropped: field(21, uint64()),
}));
export type ResourceStatistics = Infer<typeof ResourceStatistics>;
