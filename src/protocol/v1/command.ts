/** CommandInfo: what to run, its URIs to fetch and its environment. */
import { bool, enumOf, field, message, repeated, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { Secret } from './common.ts';

export const CommandInfoURI = message('mesos.v1.CommandInfo.URI', () => ({
  value: field(1, str(), { required: true }),
  executable: field(2, bool()),
  extract: field(3, bool(), { default: true }),
  cache: field(4, bool()),
  output_file: field(5, str()),
}));
export type CommandInfoURI = Infer<typeof CommandInfoURI>;

export const EnvironmentVariableType = enumOf('mesos.v1.Environment.Variable.Type', { UNKNOWN: 0, VALUE: 1, SECRET: 2 } as const);
export type EnvironmentVariableType = Infer<typeof EnvironmentVariableType>;

export const EnvironmentVariable = message('mesos.v1.Environment.Variable', () => ({
  name: field(1, str(), { required: true }),
  type: field(3, EnvironmentVariableType, { default: 'VALUE' }),
  value: field(2, str()),
  secret: field(4, Secret),
}));
export type EnvironmentVariable = Infer<typeof EnvironmentVariable>;

export const Environment = message('mesos.v1.Environment', () => ({
  variables: repeated(1, EnvironmentVariable),
}));
export type Environment = Infer<typeof Environment>;

export const CommandInfo = message('mesos.v1.CommandInfo', () => ({
  uris: repeated(1, CommandInfoURI),
  environment: field(2, Environment),
  // true: `value` runs under /bin/sh -c; false: `value` is the program and `arguments` its argv.
  shell: field(6, bool(), { default: true }),
  value: field(3, str()),
  arguments: repeated(7, str()),
  user: field(5, str()),
}));
export type CommandInfo = Infer<typeof CommandInfo>;
