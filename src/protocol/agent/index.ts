/** Our agent <-> master protocol (docs/protocol.md), built from the v1 messages. */
export * from './call.ts';
export * from './event.ts';
