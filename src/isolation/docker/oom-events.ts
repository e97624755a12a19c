/**
 * Listens to the engine's `oom` events for one agent's containers. The docker backend turns the
 * kernel's OOM killer off for limited containers (cgroups v1), so a process at its limit pauses
 * instead of dying alone; on the event the backend ends the whole container, as Mesos ends a
 * container that hit its memory limit. The event stream's socket does not hold the process open.
 */
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import type { Clock } from '../../lib/clock.ts';
import { LABEL_CONTAINER_ID, LABEL_SCOPE } from './create-options.ts';

export interface OomEvents {
  /** Resolves once the engine has accepted the subscription, so no event after it is missed. */
  ready(): Promise<void>;
  /** Ends the subscription for good. */
  close(): void;
}

interface EngineEvent {
  readonly Action?: string;
  readonly Actor?: { readonly Attributes?: Readonly<Record<string, string>> };
}

export function listenForOom(docker: Docker, scope: string, clock: Clock, onOom: (containerId: string) => void): OomEvents {
  let subscribed: Promise<void> | undefined;
  let current: NodeJS.ReadableStream | undefined;
  let closed = false;

  function subscribe(): Promise<void> {
    subscribed = docker
      .getEvents({ filters: { type: ['container'], event: ['oom'], label: [`${LABEL_SCOPE}=${scope}`] } })
      .then((stream) => {
        current = stream;
        (stream as IncomingMessage).socket?.unref();
        let buffered = '';
        stream.on('data', (chunk: Buffer) => {
          buffered += chunk.toString('utf8');
          let newline: number;
          while ((newline = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, newline).trim();
            buffered = buffered.slice(newline + 1);
            if (line === '') continue;
            try {
              const event = JSON.parse(line) as EngineEvent;
              const containerId = event.Actor?.Attributes?.[LABEL_CONTAINER_ID];
              if (event.Action === 'oom' && containerId !== undefined) onOom(containerId);
            } catch {
              // A line the engine garbled is not worth ending the stream for.
            }
          }
        });
        const resubscribe = (): void => {
          subscribed = undefined;
          current = undefined;
          if (closed) return;
          clock.setTimer(1000, () => void subscribe().catch(() => undefined));
        };
        stream.once('end', resubscribe);
        stream.once('error', resubscribe);
      })
      .catch((error: unknown) => {
        subscribed = undefined;
        throw error;
      });
    return subscribed;
  }

  return {
    ready: () => (closed ? Promise.reject(new Error('the OOM event listener is closed')) : subscribed ?? subscribe()),
    close: () => {
      closed = true;
      (current as IncomingMessage | undefined)?.destroy();
    },
  };
}
