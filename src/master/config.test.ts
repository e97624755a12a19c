import test from 'ava';
import { ConfigError } from '../lib/errors.ts';
import { loadMasterConfig, masterConfigWith } from './config.ts';

test('defaults follow Mesos', (t) => {
  const config = loadMasterConfig({ argv: [], env: {} });
  t.is(config.port, 5050);
  t.is(config.allocation_interval, 1000);
  t.is(config.agent_ping_timeout, 15_000);
  t.is(config.max_agent_ping_timeouts, 5);
  t.is(config.offer_timeout, null);
  t.is(config.heartbeat_interval, 15_000);
  t.is(config.max_completed_frameworks, 50);
  t.true(Object.isFrozen(config));
});

test('argv overrides MESOS_* which overrides defaults; durations become ms', (t) => {
  const config = loadMasterConfig({
    argv: ['--port=5055', '--offer_timeout=10mins', '--allocation_interval=500ms'],
    env: { MESOS_PORT: '6000', MESOS_AGENT_PING_TIMEOUT: '2secs', MESOS_CLUSTER: 'dev' },
  });
  t.is(config.port, 5055);
  t.is(config.offer_timeout, 600_000);
  t.is(config.allocation_interval, 500);
  t.is(config.agent_ping_timeout, 2000);
  t.is(config.cluster, 'dev');
});

test('bad input names the flag', (t) => {
  const cases: [string[], string][] = [
    [['--port=lots'], 'port'],
    [['--allocation_interval=soon'], 'allocation_interval'],
    [['--no_such_flag=1'], 'no_such_flag'],
    [['--registry=floppy'], 'registry'],
    [['--max_agent_ping_timeouts=-1'], 'max_agent_ping_timeouts'],
  ];
  for (const [argv, flag] of cases) {
    const error = t.throws(() => loadMasterConfig({ argv, env: {} }), { instanceOf: ConfigError });
    t.is(error?.flag, flag, argv.join(' '));
    t.false(error?.message.includes('\n'));
  }
});

test('masterConfigWith applies overrides over defaults', (t) => {
  t.is(masterConfigWith({ port: 0 }).port, 0);
  t.is(masterConfigWith().port, 5050);
});

test('min_allocatable_resources parses alternatives and names the flag when wrong', async (t) => {
  const { parseMinAllocatable } = await import('./bind-allocator.ts');
  t.deepEqual(parseMinAllocatable('cpus:0.01|mem:32'), [{ cpus: 0.01 }, { mem: 32 }]);
  t.deepEqual(parseMinAllocatable('cpus:1;mem:64'), [{ cpus: 1, mem: 64 }]);
  const error = t.throws(() => parseMinAllocatable('cpus=1'), { instanceOf: ConfigError });
  t.is(error?.flag, 'min_allocatable_resources');
});
