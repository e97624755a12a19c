// Pure formatting and derivations over /master/state: no DOM, no fetch.
export const cpus = (n) => (Math.round((n ?? 0) * 100) / 100).toString();
export function bytesMB(mb) {
  const v = mb ?? 0;
  if (v >= 1024 * 1024) return `${(v / 1024 / 1024).toFixed(1)} TB`;
  if (v >= 1024) return `${(v / 1024).toFixed(1)} GB`;
  return `${Math.round(v)} MB`;
}
export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const d = Math.floor(s / 86400), hh = Math.floor((s % 86400) / 3600), mm = Math.floor((s % 3600) / 60);
  if (d) return `${d}d ${hh}h`;
  if (hh) return `${hh}h ${mm}m`;
  if (mm) return `${mm}m ${s % 60}s`;
  return `${s}s`;
}
export const timeOf = (epochSeconds) => (epochSeconds ? new Date(epochSeconds * 1000).toLocaleString() : '—');

export const TERMINAL = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR']);

// Every task the master knows, tagged active/completed with its framework's name, newest first.
export function allTasks(state) {
  const out = [];
  const frameworks = [...(state.frameworks ?? []), ...(state.completed_frameworks ?? [])];
  for (const fw of frameworks) {
    for (const t of fw.tasks ?? []) out.push({ ...t, framework_name: fw.name, active: true });
    for (const t of fw.unreachable_tasks ?? []) out.push({ ...t, framework_name: fw.name, active: false });
    for (const t of fw.completed_tasks ?? []) out.push({ ...t, framework_name: fw.name, active: false });
  }
  for (const t of state.completed_tasks ?? []) out.push({ ...t, active: false });
  return out.sort((a, b) => lastTimestamp(b) - lastTimestamp(a));
}

export function lastTimestamp(task) {
  const statuses = task.statuses ?? [];
  return statuses.length ? statuses[statuses.length - 1].timestamp ?? 0 : 0;
}

export function countByState(tasks) {
  const counts = {};
  for (const t of tasks) counts[t.state] = (counts[t.state] ?? 0) + 1;
  return counts;
}

export function sumResources(list, key) {
  const sum = { cpus: 0, mem: 0, disk: 0, gpus: 0 };
  for (const item of list) for (const r of Object.keys(sum)) sum[r] += Number(item[key]?.[r] ?? 0);
  return sum;
}

// `slave(1)@10.0.0.5:5051` -> `http://10.0.0.5:5051`, the agent's own HTTP endpoints.
export function agentUrl(pid, protocol = 'http:') {
  const at = String(pid ?? '').lastIndexOf('@');
  if (at === -1) return null;
  return `${protocol}//${pid.slice(at + 1)}`;
}

export function attributesText(attributes) {
  const entries = Object.entries(attributes ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}:${typeof v === 'object' ? JSON.stringify(v) : v}`).join('; ') : '—';
}

export const shortId = (id) => (id && id.length > 16 ? `…${id.slice(-12)}` : id ?? '');
