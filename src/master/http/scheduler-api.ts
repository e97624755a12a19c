/**
 * `POST /api/v1/scheduler` with Mesos' exact status codes (reference §1.1): SUBSCRIBE opens a
 * RecordIO stream; every other call needs a subscribed framework, its stream id, and gets 202
 * (UPDATE_FRAMEWORK: 200). Calls are decoded by the protocol schemas, then handed to the core.
 */
import type { IncomingMessage } from 'node:http';
import { formatProblems, HttpError } from '../../lib/errors.ts';
import { isUuidBytesBase64 } from '../../lib/ids.ts';
import type { Logger } from '../../lib/logger.ts';
import { parseJson } from '../../protocol/codec/index.ts';
import { SchedulerCall } from '../../protocol/v1/index.ts';
import type { MasterCore } from '../core/master-core.ts';
import type { FrameworkRecord } from '../core/model.ts';
import { type ApiAnswer, type ApiHandler, headerOf } from './api-answer.ts';
import { checkAcceptsJson, checkApiRequest, readBody } from '../../lib/http/api-request.ts';
import { newEventStream } from './stream-response.ts';

type Call = SchedulerCall;

const STREAM_HEADER = 'mesos-stream-id';

export interface SchedulerApiDeps {
  readonly core: MasterCore;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
}

export function schedulerApi(deps: SchedulerApiDeps): ApiHandler {
  return async (req) => {
    checkApiRequest(req);
    const body = await readBody(req, deps.maxBodyBytes);
    const decoded = parseJson(SchedulerCall, body);
    if (!decoded.ok) throw new HttpError(400, `Failed to validate scheduler::Call: ${formatProblems(decoded.problems)}`);
    const call = decoded.value;
    if (call.type === undefined) throw new HttpError(400, "Failed to validate scheduler::Call: Expecting 'type' to be present");
    if (call.type === 'UNKNOWN') throw new HttpError(501, "Received 'UNKNOWN' call");
    if (call.type === 'SUBSCRIBE') return subscribe(deps, req, call);
    const framework = authorize(deps.core, req, call);
    return { status: dispatch(deps, framework, call) };
  };
}

function subscribe(deps: SchedulerApiDeps, req: IncomingMessage, call: Call): ApiAnswer {
  const subscribeCall = call.subscribe;
  if (!subscribeCall) throw new HttpError(400, "Failed to validate scheduler::Call: Expecting 'subscribe' to be present");
  const info = subscribeCall.framework_info;
  // As Mesos: a resubscription names its id twice, and the two must agree.
  if (info.id !== undefined && call.framework_id?.value !== info.id.value) {
    throw new HttpError(400, "Failed to validate scheduler::Call: 'framework_id' differs from 'subscribe.framework_info.id'");
  }
  checkAcceptsJson(req);
  if (headerOf(req, STREAM_HEADER) !== '') throw new HttpError(400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
  const stream = newEventStream();
  const result = deps.core.subscribe(info, subscribeCall.suppressed_roles ?? [], stream);
  if (!result.ok) {
    stream.send({ type: 'ERROR', error: { message: result.message } });
    stream.close();
    return { stream };
  }
  stream.onClose(() => deps.core.schedulerStreamClosed(result.frameworkId, stream));
  return { stream };
}

/** The checks every non-SUBSCRIBE call passes, in Mesos' order. */
function authorize(core: MasterCore, req: IncomingMessage, call: Call): FrameworkRecord {
  const frameworkId = call.framework_id?.value;
  if (frameworkId === undefined) throw new HttpError(400, "Failed to validate scheduler::Call: Expecting 'framework_id' to be present");
  validateBody(call);
  const framework = core.registry.frameworks.get(frameworkId);
  if (!framework) throw new HttpError(400, 'Framework cannot be found');
  if (!framework.sink || framework.state !== 'active') throw new HttpError(403, 'Framework is not subscribed');
  const streamId = headerOf(req, STREAM_HEADER);
  if (streamId === '') throw new HttpError(400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
  if (streamId !== framework.sink.streamId) {
    throw new HttpError(400, `The stream ID '${streamId}' included in this request didn't match the stream ID currently associated with framework ID ${frameworkId}`);
  }
  return framework;
}

const BODY_FIELD: Partial<Record<Call['type'] & string, keyof Call>> = {
  ACCEPT: 'accept',
  DECLINE: 'decline',
  KILL: 'kill',
  SHUTDOWN: 'shutdown',
  ACKNOWLEDGE: 'acknowledge',
  MESSAGE: 'message',
  REQUEST: 'request',
  UPDATE_FRAMEWORK: 'update_framework',
  ACCEPT_INVERSE_OFFERS: 'accept_inverse_offers',
  DECLINE_INVERSE_OFFERS: 'decline_inverse_offers',
  ACKNOWLEDGE_OPERATION_STATUS: 'acknowledge_operation_status',
};

function validateBody(call: Call): void {
  const field = call.type !== undefined ? BODY_FIELD[call.type] : undefined;
  if (field !== undefined && call[field] === undefined) {
    throw new HttpError(400, `Failed to validate scheduler::Call: Expecting '${field}' to be present`);
  }
  if (call.acknowledge && !isUuidBytesBase64(call.acknowledge.uuid)) {
    throw new HttpError(400, "Failed to validate scheduler::Call: 'acknowledge.uuid' is not a valid UUID (16 bytes, base64)");
  }
}

/** Applies the call; returns the HTTP status to answer with. */
function dispatch(deps: SchedulerApiDeps, framework: FrameworkRecord, call: Call): number {
  const { core } = deps;
  switch (call.type) {
    case 'TEARDOWN':
      core.teardown(framework);
      return 202;
    case 'ACCEPT': {
      const accept = call.accept;
      core.accept(framework, {
        offerIds: accept?.offer_ids ?? [],
        operations: accept?.operations ?? [],
        ...(accept?.filters?.refuse_seconds !== undefined ? { refuseSeconds: accept.filters.refuse_seconds } : {}),
      });
      return 202;
    }
    case 'DECLINE':
      core.decline(framework, call.decline?.offer_ids ?? [], call.decline?.filters?.refuse_seconds);
      return 202;
    case 'REVIVE':
      core.revive(framework, call.revive?.roles ?? []);
      return 202;
    case 'SUPPRESS':
      core.suppress(framework, call.suppress?.roles ?? []);
      return 202;
    case 'KILL':
      if (call.kill) core.kill(framework, call.kill.task_id.value, call.kill.agent_id?.value, call.kill.kill_policy);
      return 202;
    case 'SHUTDOWN':
      if (call.shutdown) core.shutdownExecutor(framework, call.shutdown.agent_id.value, call.shutdown.executor_id.value);
      return 202;
    case 'ACKNOWLEDGE':
      if (call.acknowledge) core.acknowledge(framework, call.acknowledge.agent_id.value, call.acknowledge.task_id.value, call.acknowledge.uuid);
      return 202;
    case 'RECONCILE':
      core.reconcile(framework, (call.reconcile?.tasks ?? []).map((t) => ({ taskId: t.task_id.value, ...(t.agent_id ? { agentId: t.agent_id.value } : {}) })));
      return 202;
    case 'MESSAGE':
      if (call.message) core.messageToExecutor(framework, call.message.agent_id.value, call.message.executor_id.value, call.message.data);
      return 202;
    case 'UPDATE_FRAMEWORK': {
      const update = call.update_framework;
      if (!update) return 400;
      const problems = core.updateFramework(framework, update.framework_info, update.suppressed_roles ?? []);
      if (problems.length > 0) throw new HttpError(400, `Invalid UPDATE_FRAMEWORK: ${formatProblems(problems)}`);
      return 200;
    }
    case 'REQUEST':
    case 'ACCEPT_INVERSE_OFFERS':
    case 'DECLINE_INVERSE_OFFERS':
    case 'ACKNOWLEDGE_OPERATION_STATUS':
    case 'RECONCILE_OPERATIONS':
      // Accepted and ignored, as Mesos' built-in allocator does with REQUEST; no maintenance or
      // operation feedback exists yet.
      deps.logger.debug({ frameworkId: framework.id, type: call.type }, 'call accepted without effect');
      return 202;
    default:
      throw new HttpError(501, `Call type '${String(call.type)}' is not implemented`);
  }
}
