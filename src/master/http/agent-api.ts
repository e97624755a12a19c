/**
 * `POST /api/v1/agent`, our agent protocol (docs/protocol.md): SUBSCRIBE opens the agent's
 * event stream; other calls need the agent's id and stream id and are answered 202.
 */
import type { IncomingMessage } from 'node:http';
import { formatProblems, HttpError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { Resources } from '../../lib/resources/index.ts';
import { parseJson } from '../../protocol/codec/index.ts';
import type { MasterCore } from '../core/master-core.ts';
import type { AgentRecord } from '../core/model.ts';
import type { ResourceWire } from '../wire.ts';
import { AgentCall } from '../../protocol/agent/index.ts';
import { type ApiAnswer, type ApiHandler, headerOf } from './api-answer.ts';
import { checkAcceptsJson, checkApiRequest, readBody } from '../../lib/http/api-request.ts';
import { newEventStream } from './stream-response.ts';

export interface AgentApiDeps {
  readonly core: MasterCore;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
}

export function agentApi(deps: AgentApiDeps): ApiHandler {
  return async (req) => {
    checkApiRequest(req);
    const body = await readBody(req, deps.maxBodyBytes);
    const decoded = parseJson(AgentCall, body);
    if (!decoded.ok) throw new HttpError(400, `Failed to validate agent Call: ${formatProblems(decoded.problems)}`);
    const call = decoded.value;
    if (call.type === undefined) throw new HttpError(400, "Failed to validate agent Call: Expecting 'type' to be present");
    if (call.type === 'UNKNOWN') throw new HttpError(501, "Received 'UNKNOWN' call");
    if (call.type === 'SUBSCRIBE') return subscribe(deps, req, call);
    const agent = authorize(deps.core, req, call);
    dispatch(deps.core, agent, call);
    return { status: 202 };
  };
}

async function subscribe(deps: AgentApiDeps, req: IncomingMessage, call: AgentCall): Promise<ApiAnswer> {
  const sub = call.subscribe;
  if (!sub) throw new HttpError(400, "Failed to validate agent Call: Expecting 'subscribe' to be present");
  checkAcceptsJson(req);
  if (headerOf(req, 'mesos-stream-id') !== '') throw new HttpError(400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
  const resources = (sub.resources ?? sub.agent_info.resources ?? []) as ResourceWire[];
  const problems = [
    ...Resources.validate(resources, 'subscribe.resources'),
    ...(sub.tasks ?? []).flatMap((task, i) => Resources.validate((task.resources ?? []) as ResourceWire[], `subscribe.tasks[${i}].resources`)),
    ...(sub.executors ?? []).flatMap((executor, i) => Resources.validate((executor.resources ?? []) as ResourceWire[], `subscribe.executors[${i}].resources`)),
  ];
  if (problems.length > 0) throw new HttpError(400, `Failed to validate agent Call: ${formatProblems(problems)}`);
  const stream = newEventStream();
  const result = await deps.core.subscribeAgent(
    {
      info: sub.agent_info,
      resources: Resources.fromWire(resources).toWire(),
      ...(sub.agent_id ? { agentId: sub.agent_id.value } : {}),
      version: sub.version ?? '',
      tasks: (sub.tasks ?? []),
      executors: sub.executors ?? [],
      ip: normalizeIp(req.socket.remoteAddress),
    },
    stream,
  );
  if (!result.ok) {
    stream.send(result.shutdown ? { type: 'SHUTDOWN', shutdown: { message: result.message } } : { type: 'ERROR', error: { message: result.message } });
    stream.close();
    return { stream };
  }
  stream.onClose(() => deps.core.agentStreamClosed(result.agentId, stream));
  return { stream };
}

function normalizeIp(address: string | undefined): string {
  if (!address) return '127.0.0.1';
  return address.startsWith('::ffff:') ? address.slice(7) : address === '::1' ? '127.0.0.1' : address;
}

function authorize(core: MasterCore, req: IncomingMessage, call: AgentCall): AgentRecord {
  const agentId = call.agent_id?.value;
  if (agentId === undefined) throw new HttpError(400, "Failed to validate agent Call: Expecting 'agent_id' to be present");
  const streamId = headerOf(req, 'mesos-stream-id');
  if (streamId === '') throw new HttpError(400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
  const agent = core.registry.agents.get(agentId);
  if (!agent || !agent.sink || agent.state !== 'registered') throw new HttpError(403, `Agent ${agentId} is not subscribed`);
  if (streamId !== agent.sink.streamId) throw new HttpError(400, `The stream ID '${streamId}' included in this request didn't match the stream ID currently associated with agent ID ${agentId}`);
  return agent;
}

function require<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new HttpError(400, `Failed to validate agent Call: Expecting '${field}' to be present`);
  return value;
}

function dispatch(core: MasterCore, agent: AgentRecord, call: AgentCall): void {
  switch (call.type) {
    case 'STATUS_UPDATE': {
      const update = require(call.status_update, 'status_update');
      core.statusUpdate(agent, update.framework_id.value, update.status);
      return;
    }
    case 'EXECUTOR_EXITED': {
      const exited = require(call.executor_exited, 'executor_exited');
      core.executorExited(agent, exited.framework_id.value, exited.executor_id.value, exited.status);
      return;
    }
    case 'FRAMEWORK_MESSAGE': {
      const msg = require(call.framework_message, 'framework_message');
      core.frameworkMessage(agent, msg.framework_id.value, msg.executor_id.value, msg.data ?? '');
      return;
    }
    case 'PONG':
      core.pong(agent);
      return;
    case 'UPDATE_RESOURCES': {
      const update = require(call.update_resources, 'update_resources');
      const resources = (update.resources ?? []) as ResourceWire[];
      const problems = Resources.validate(resources, 'update_resources.resources');
      if (problems.length > 0) throw new HttpError(400, `Failed to validate agent Call: ${formatProblems(problems)}`);
      core.updateAgentResources(agent, resources);
      return;
    }
    default:
      throw new HttpError(501, `Call type '${String(call.type)}' is not implemented`);
  }
}
