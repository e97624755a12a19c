import test from 'ava';
import { ConfigError } from '../../lib/errors.ts';
import { agentPort, planLocal } from './plan.ts';

test('routes each flag to the master, the agents, or both', (t) => {
  const plan = planLocal(['--agents', '2', '--port=0', '--resources=cpus:2;mem:1024', '--allocation_interval=100ms', '--log_level=warn', '--no-switch_user']);
  t.is(plan.agents, 2);
  t.is(plan.port, 0);
  t.deepEqual(plan.masterArgv, ['--allocation_interval=100ms', '--log_level=warn']);
  t.deepEqual(plan.agentArgv, ['--resources=cpus:2;mem:1024', '--log_level=warn', '--no-switch_user']);
  t.is(agentPort(plan, 1), 0);
});

test('defaults: one agent, master on 5050, agents from 5051', (t) => {
  const plan = planLocal([]);
  t.like(plan, { agents: 1, port: 5050, workDir: undefined, ip: '127.0.0.1' });
  t.is(agentPort(plan, 0), 5051);
  t.is(agentPort(plan, 2), 5053);
});

test('bad values and unknown flags name the flag', (t) => {
  for (const [argv, flag] of [
    [['--agents=two'], 'agents'],
    [['--port=70000'], 'port'],
    [['--resource=cpus:1'], 'resource'],
    [['--master=elsewhere:5050'], 'master'],
  ] as const) {
    const error = t.throws(() => planLocal(argv), { instanceOf: ConfigError });
    t.is(error?.flag, flag);
  }
});
