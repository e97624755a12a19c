import test from 'ava';
import { commandTask, launch, startWithOffer, waitUntil } from './master-kit.ts';

test('MESSAGE both ways, SHUTDOWN of an executor, EXECUTOR_EXITED becomes FAILURE', async (t) => {
  const { scheduler, agent, offer } = await startWithOffer(t);
  const task = { ...commandTask(offer, 'x1'), command: undefined, executor: { executor_id: { value: 'ex' }, command: { value: 'run-executor' } } };
  await scheduler.call('ACCEPT', launch(offer, [task], 0));
  await waitUntil(() => agent.runTasks.length === 1);

  const data = Buffer.from('hello executor').toString('base64');
  t.is((await scheduler.call('MESSAGE', { message: { agent_id: offer['agent_id'], executor_id: { value: 'ex' }, data } })).status, 202);
  const toAgent = await agent.stream.waitForType('FRAMEWORK_MESSAGE');
  t.deepEqual(toAgent['framework_message'], { framework_id: { value: scheduler.frameworkId }, executor_id: { value: 'ex' }, data });

  const reply = Buffer.from('hello scheduler').toString('base64');
  t.is((await agent.call('FRAMEWORK_MESSAGE', { framework_message: { framework_id: { value: scheduler.frameworkId }, executor_id: { value: 'ex' }, data: reply } })).status, 202);
  const toScheduler = await scheduler.stream.waitForType('MESSAGE');
  t.deepEqual(toScheduler['message'], { agent_id: { value: agent.agentId }, executor_id: { value: 'ex' }, data: reply });

  t.is((await scheduler.call('SHUTDOWN', { shutdown: { agent_id: offer['agent_id'], executor_id: { value: 'ex' } } })).status, 202);
  const shutdown = await agent.stream.waitForType('SHUTDOWN_EXECUTOR');
  t.is(shutdown['shutdown_executor']['executor_id']['value'], 'ex');

  t.is((await agent.call('EXECUTOR_EXITED', { executor_exited: { framework_id: { value: scheduler.frameworkId }, executor_id: { value: 'ex' }, status: 9 } })).status, 202);
  const failure = await scheduler.stream.waitForType('FAILURE');
  t.deepEqual(failure['failure'], { agent_id: { value: agent.agentId }, executor_id: { value: 'ex' }, status: 9 });
  scheduler.stream.close();
  agent.stream.close();
});
