import test from 'ava';
import { mapResources } from './resource-mapping.ts';

const MB = 1024 * 1024;

test('shares are 1024 per cpu with a floor of 2; no quota without a limit or cfs', (t) => {
  t.deepEqual(mapResources({ cpus: 1.5, mem: 128 }), {
    cpuShares: 1536, cfsPeriodUs: 100_000, memoryLimitBytes: 128 * MB, memorySoftLimitBytes: 128 * MB, cpusReported: 1.5,
  });
  t.is(mapResources({ cpus: 0.001 }).cpuShares, 2);
});

test('a cpu limit sets the CFS quota from the limit; enableCfs caps at the request', (t) => {
  t.is(mapResources({ cpus: 0.5 }, { cpus: 2 }).cfsQuotaUs, 200_000);
  t.is(mapResources({ cpus: 0.5 }, { cpus: 2 }).cpusReported, 2);
  t.is(mapResources({ cpus: 0.5 }, {}, { enableCfs: true }).cfsQuotaUs, 50_000);
  t.is(mapResources({ cpus: 0.001 }, {}, { enableCfs: true }).cfsQuotaUs, 1_000, 'quota never below 1 ms');
  t.is(mapResources({ cpus: 0.5 }, { cpus: Infinity }, { enableCfs: true }).cfsQuotaUs, undefined, 'infinite limit: no quota');
});

test('memory hard limit is max(limit or request, 32 MB); infinite limit is unlimited', (t) => {
  t.is(mapResources({ mem: 8 }).memoryLimitBytes, 32 * MB);
  t.is(mapResources({ mem: 64 }, { mem: 256 }).memoryLimitBytes, 256 * MB);
  t.is(mapResources({ mem: 64 }, { mem: 256 }).memorySoftLimitBytes, 64 * MB);
  t.is(mapResources({ mem: 64 }, { mem: Infinity }).memoryLimitBytes, undefined);
  t.deepEqual(mapResources({}), { cfsPeriodUs: 100_000 });
});
