import test from 'ava';
import { ConfigError } from '../lib/errors.ts';
import { agentConfigWith, containerizerFlags, loadAgentConfig, masterUrl } from './config.ts';

const required = ['--master=127.0.0.1:5050', '--work_dir=/tmp/agent'];

test('defaults follow Mesos', (t) => {
  const config = loadAgentConfig({ argv: required, env: {} });
  t.is(config.port, 5051);
  t.is(config.containerizers, 'posix');
  t.is(config.executor_shutdown_grace_period, 5000);
  t.is(config.executor_registration_timeout, 60_000);
  t.is(config.gc_delay, 7 * 24 * 3600 * 1000);
  t.is(config.default_role, '*');
  t.true(Object.isFrozen(config));
});

test('argv beats MESOS_* and durations become milliseconds', (t) => {
  const config = loadAgentConfig({
    argv: [...required, '--executor_shutdown_grace_period=2secs', '--port', '0'],
    env: { MESOS_PORT: '6000', MESOS_RESOURCES: 'cpus:2', MESOS_GC_DELAY: '1hrs' },
  });
  t.is(config.port, 0);
  t.is(config.executor_shutdown_grace_period, 2000);
  t.is(config.resources, 'cpus:2');
  t.is(config.gc_delay, 3_600_000);
});

test('bad or missing flags are named', (t) => {
  const cases: [string[], string][] = [
    [['--master=127.0.0.1:5050'], 'work_dir'],
    [['--work_dir=/tmp/a'], 'master'],
    [[...required, '--port=notaport'], 'port'],
    [[...required, '--executor_shutdown_grace_period=soon'], 'executor_shutdown_grace_period'],
    [[...required, '--no_such_flag=1'], 'no_such_flag'],
    [[...required, '--command_executor=threads'], 'command_executor'],
    [['--master=zk://h:2181/mesos', '--work_dir=/tmp/a'], 'master'],
    [['--master=nohostport', '--work_dir=/tmp/a'], 'master'],
  ];
  for (const [argv, flag] of cases) {
    const error = t.throws(() => loadAgentConfig({ argv, env: {} }), { instanceOf: ConfigError }, argv.join(' '));
    t.is(error?.flag, flag, argv.join(' '));
  }
});

test('masterUrl accepts host:port and http URLs', (t) => {
  t.is(masterUrl('10.0.0.1:5050'), 'http://10.0.0.1:5050');
  t.is(masterUrl('http://m1:5050/'), 'http://m1:5050');
});

test('agentConfigWith fills defaults', (t) => {
  t.is(agentConfigWith({ master: 'h:1', work_dir: '/w', port: 0 }).port, 0);
});

test('isolation flags have Mesos names and defaults and reach the backends', (t) => {
  const config = loadAgentConfig({ argv: required, env: {} });
  t.deepEqual(containerizerFlags(config), {
    cgroups_hierarchy: '/sys/fs/cgroup', cgroups_root: 'mesos', cgroups_enable_cfs: false,
    docker_socket: '/var/run/docker.sock', docker_kill_orphans: true,
  });
  const set = loadAgentConfig({
    argv: [...required, '--cgroups_enable_cfs=true', '--cgroups_pids_max=100', '--runtime_dir=/run/m', '--docker_kill_orphans=false'],
    env: { MESOS_DOCKER_SOCKET: '/tmp/d.sock', MESOS_CGROUPS_ROOT: 'agent1' },
  });
  t.like(containerizerFlags(set), {
    cgroups_root: 'agent1', cgroups_enable_cfs: true, cgroups_pids_max: 100, runtime_dir: '/run/m', docker_socket: '/tmp/d.sock', docker_kill_orphans: false,
  });
  t.throws(() => loadAgentConfig({ argv: [...required, '--cgroups_pids_max=-3'], env: {} }), { instanceOf: ConfigError, message: /cgroups_pids_max/ });
});
