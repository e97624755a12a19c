/**
 * A custom executor built on the SDK's ExecutorClient, launched by a real agent in
 * sdk-clients.test.ts: it runs each task by reporting RUNNING, messaging its scheduler and
 * reporting FINISHED, then exits once the agent has acknowledged everything.
 */
import { ExecutorClient } from '../../src/sdk/index.ts';

const client = new ExecutorClient({ env: process.env });
let finished = false;
for await (const event of client.events()) {
  if (event.type === 'LAUNCH' && event.launch) {
    const taskId = event.launch.task.task_id;
    await client.update({ task_id: taskId, state: 'TASK_RUNNING' });
    await client.message(`hello from ${client.environment.executorId}`);
    await client.update({ task_id: taskId, state: 'TASK_FINISHED', message: 'done by the SDK executor' });
    finished = true;
  }
  if (event.type === 'ACKNOWLEDGED' && finished && client.pendingUpdates().length === 0) client.close();
}
process.exit(0);
