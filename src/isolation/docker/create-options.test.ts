import test from 'ava';
import { ValidationError } from '../../lib/errors.ts';
import { mapResources } from '../linux/resource-mapping.ts';
import { parseDockerContainerInfo } from './container-info.ts';
import { buildCreateOptions } from './create-options.ts';
import type { CreateOptionsInput } from './create-options.ts';

const MB = 1024 * 1024;

function input(container: unknown, extra: Partial<CreateOptionsInput> = {}): CreateOptionsInput {
  const spec = { command: { shell: true, value: 'echo hi', environment: { FOO: 'bar' } }, sandbox: '/var/sandbox/x', resources: { cpus: 0.5, mem: 64 }, limits: { cpus: 1 } };
  return { containerId: 'cid-1', spec, info: parseDockerContainerInfo(container, [{ begin: 31000, end: 31010 }]), limits: mapResources(spec.resources, spec.limits), scope: '/agent/work', ...extra };
}

test('name, labels, sandbox mount and Mesos resource mapping', (t) => {
  const body = buildCreateOptions(input({ type: 'DOCKER', docker: { image: 'busybox' } }));
  t.is(body.name, 'mesos-cid-1');
  t.is(body.Image, 'busybox:latest');
  t.deepEqual(body.Labels, { 'mesos-ts.container_id': 'cid-1', 'mesos-ts.scope': '/agent/work', 'mesos-ts.sandbox': '/var/sandbox/x' });
  t.deepEqual(body.Entrypoint, ['/bin/sh', '-c']);
  t.deepEqual(body.Cmd, ['echo hi']);
  t.is(body.WorkingDir, '/mnt/mesos/sandbox');
  t.true(body.Env?.includes('MESOS_SANDBOX=/mnt/mesos/sandbox'));
  t.true(body.Env?.includes('MESOS_CONTAINER_NAME=mesos-cid-1'));
  t.true(body.Env?.includes('FOO=bar'));
  t.like(body.HostConfig, { NetworkMode: 'host', CpuShares: 512, CpuPeriod: 100_000, CpuQuota: 100_000, Memory: 64 * MB, Privileged: false });
  t.deepEqual(body.HostConfig?.Binds, ['/var/sandbox/x:/mnt/mesos/sandbox:rw']);
});

test('bridge ports, volumes relative to the sandbox, privileged and parameters', (t) => {
  const body = buildCreateOptions(input({
    type: 'DOCKER',
    hostname: 'web',
    docker: {
      image: 'app:1', network: 'BRIDGE', privileged: true,
      port_mappings: [{ host_port: 31001, container_port: 80 }],
      parameters: [{ key: 'env', value: 'X=1' }, { key: 'cap-add', value: 'NET_ADMIN,SYS_TIME' }, { key: 'ulimit', value: 'nofile=1024:2048' }, { key: 'label', value: 'mesos-ts.scope=hijack' }],
    },
    volumes: [{ container_path: '/data', host_path: 'data', mode: 'RO' }, { container_path: '/etc/x', host_path: '/etc/x' }],
  }));
  t.is(body.Hostname, 'web');
  t.deepEqual(body.ExposedPorts, { '80/tcp': {} });
  t.deepEqual(body.HostConfig?.PortBindings, { '80/tcp': [{ HostPort: '31001' }] });
  t.like(body.HostConfig, { NetworkMode: 'bridge', Privileged: true, CapAdd: ['NET_ADMIN', 'SYS_TIME'], Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }] });
  t.deepEqual(body.HostConfig?.Binds, ['/var/sandbox/x:/mnt/mesos/sandbox:rw', '/var/sandbox/x/data:/data:ro', '/etc/x:/etc/x:rw']);
  t.true(body.Env?.includes('X=1'));
  t.is(body.Labels?.['mesos-ts.scope'], '/agent/work', 'a parameter cannot take over the labels recovery relies on');
});

test('argv form sets the entrypoint; an unknown parameter is a problem naming it', (t) => {
  const argv = buildCreateOptions({ ...input({ docker: { image: 'x' } }), spec: { command: { shell: false, value: '/bin/echo', arguments: ['echo', 'a'] }, sandbox: '/s', resources: {} } });
  t.deepEqual(argv.Entrypoint, ['/bin/echo']);
  t.deepEqual(argv.Cmd, ['a']);
  const imageDefault = buildCreateOptions({ ...input({ docker: { image: 'x' } }), spec: { command: { shell: true, value: '' }, sandbox: '/s', resources: {} } });
  t.is(imageDefault.Entrypoint, undefined);
  const error = t.throws(() => buildCreateOptions(input({ docker: { image: 'x', parameters: [{ key: 'no-such-flag', value: '1' }, { key: 'oom-score-adj', value: '5000' }] } })), { instanceOf: ValidationError });
  t.deepEqual(error.problems.map((p) => p.path), ['container.docker.parameters[0]', 'container.docker.parameters[1]']);
});
