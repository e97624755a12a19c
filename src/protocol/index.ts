/** Everything on the wire: the codec, Mesos v1 messages, our agent protocol, body tables, RecordIO. */
export * from './codec/index.ts';
export * from './v1/index.ts';
export * from './agent/index.ts';
export * from './bodies.ts';
export * from './recordio.ts';
export * from './uuid.ts';
