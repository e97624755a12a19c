/**
 * Decode throughput for a typical ACCEPT carrying 10 tasks (the master's hottest parse).
 * Run: node --import tsx src/protocol/codec/decode.bench.ts  (prints one JSON line per scenario)
 */
import { SchedulerCall } from '../v1/scheduler.ts';
import { decode, parseJson } from './decode.ts';
import { encodeJson } from './encode.ts';
import { decodeProtobuf } from './protobuf-decode.ts';
import { encodeProtobuf } from './protobuf-encode.ts';

function task(i: number) {
  return {
    name: `worker-${i}`,
    task_id: { value: `task-${i}-6f1c2a` },
    agent_id: { value: '0c9d4c5e-1f0b-4f7e-8a3c-2b9e6d7f8a10-S3' },
    resources: [
      { name: 'cpus', type: 'SCALAR', scalar: { value: 0.5 }, allocation_info: { role: 'eng' } },
      { name: 'mem', type: 'SCALAR', scalar: { value: 256 }, allocation_info: { role: 'eng' } },
      { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 31000 + i, end: 31000 + i }] }, allocation_info: { role: 'eng' } },
    ],
    command: {
      value: './run.sh --port $PORT0',
      uris: [{ value: 'http://artifacts.local/app.tar.gz', extract: true }],
      environment: { variables: [{ name: 'PORT0', value: String(31000 + i) }, { name: 'ENV', value: 'prod' }] },
    },
    labels: { labels: [{ key: 'team', value: 'infra' }] },
  };
}

const accept = {
  framework_id: { value: '0c9d4c5e-1f0b-4f7e-8a3c-2b9e6d7f8a10-0000' },
  type: 'ACCEPT',
  accept: {
    offer_ids: [{ value: '0c9d4c5e-1f0b-4f7e-8a3c-2b9e6d7f8a10-O12' }],
    operations: [{ type: 'LAUNCH', launch: { task_infos: Array.from({ length: 10 }, (_, i) => task(i)) } }],
    filters: { refuse_seconds: 5 },
  },
};
const text = JSON.stringify(accept);

function measure(name: string, run: () => unknown): void {
  for (let i = 0; i < 2_000; i++) run(); // warm-up: compile field tables, let the JIT settle
  const iterations = 20_000;
  // CPU time, not wall time: the build machine is shared, and waiting for a core is not our cost.
  const start = process.cpuUsage();
  for (let i = 0; i < iterations; i++) run();
  const used = process.cpuUsage(start);
  const seconds = (used.user + used.system) / 1e6;
  console.log(JSON.stringify({ scenario: name, bytes: text.length, ops_per_cpu_sec: Math.round(iterations / seconds), us_per_op: Number(((seconds / iterations) * 1e6).toFixed(1)) }));
}

const decoded = decode(SchedulerCall, accept);
if (!decoded.ok) throw new Error(JSON.stringify(decoded.problems));
const value = decoded.value;

measure('JSON.parse only (baseline)', () => JSON.parse(text));
measure('decode ACCEPT x10 tasks (parsed JSON)', () => decode(SchedulerCall, accept));
measure('parseJson ACCEPT x10 tasks (text)', () => parseJson(SchedulerCall, text));
measure('encodeJson ACCEPT x10 tasks', () => encodeJson(SchedulerCall, value));
const bytes = encodeProtobuf(SchedulerCall, value);
measure(`decodeProtobuf ACCEPT x10 tasks (${bytes.length} bytes)`, () => decodeProtobuf(SchedulerCall, bytes));
measure('encodeProtobuf ACCEPT x10 tasks', () => encodeProtobuf(SchedulerCall, value));
