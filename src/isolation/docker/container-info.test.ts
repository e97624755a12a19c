import test from 'ava';
import { ValidationError } from '../../lib/errors.ts';
import { parseDockerContainerInfo, withDefaultTag } from './container-info.ts';

const paths = (error: ValidationError): string[] => error.problems.map((p) => p.path);

test('an image without a tag gets :latest; network defaults to HOST', (t) => {
  const info = parseDockerContainerInfo({ type: 'DOCKER', docker: { image: 'busybox' } }, undefined);
  t.is(info.image, 'busybox:latest');
  t.is(info.network, 'HOST');
  t.false(info.privileged);
  t.is(withDefaultTag('localhost:5000/app'), 'localhost:5000/app:latest');
  t.is(withDefaultTag('localhost:5000/app:1.2'), 'localhost:5000/app:1.2');
  t.is(withDefaultTag('app@sha256:abc'), 'app@sha256:abc');
});

test('BRIDGE port mappings must fall inside the task ports', (t) => {
  const container = { type: 'DOCKER', docker: { image: 'x', network: 'BRIDGE', port_mappings: [{ host_port: 31000, container_port: 80 }, { host_port: 32000, container_port: 81, protocol: 'udp' }] } };
  const error = t.throws(() => parseDockerContainerInfo(container, [{ begin: 31000, end: 31005 }]), { instanceOf: ValidationError });
  t.deepEqual(paths(error), ['container.docker.port_mappings[1].host_port']);
  const ok = parseDockerContainerInfo(container, [{ begin: 31000, end: 31005 }, { begin: 32000, end: 32000 }]);
  t.deepEqual(ok.portMappings, [{ hostPort: 31000, containerPort: 80, protocol: 'tcp' }, { hostPort: 32000, containerPort: 81, protocol: 'udp' }]);
});

test('every problem is reported at once, each naming its field', (t) => {
  const error = t.throws(() => parseDockerContainerInfo({
    type: 'MESOS',
    hostname: 'h',
    docker: { network: 'HOST', port_mappings: [{ host_port: 0, container_port: 'x', protocol: 'sctp' }], privileged: 'yes', parameters: [{ key: '' }] },
    volumes: [{ container_path: 'rel', host_path: '../up', mode: 'RX' }],
  }, []), { instanceOf: ValidationError });
  t.deepEqual(paths(error).sort(), [
    'container.docker.image',
    'container.docker.parameters[0].key',
    'container.docker.port_mappings',
    'container.docker.port_mappings[0].container_port',
    'container.docker.port_mappings[0].host_port',
    'container.docker.port_mappings[0].protocol',
    'container.docker.privileged',
    'container.hostname',
    'container.type',
    'container.volumes[0].container_path',
    'container.volumes[0].host_path',
    'container.volumes[0].mode',
  ]);
});

test('USER network needs exactly one named network; the default image fills in a missing one', (t) => {
  const error = t.throws(() => parseDockerContainerInfo({ docker: { image: 'x', network: 'USER' } }, undefined), { instanceOf: ValidationError });
  t.deepEqual(paths(error), ['container.network_infos']);
  const info = parseDockerContainerInfo({ docker: { network: 'USER' }, network_infos: [{ name: 'overlay1' }] }, undefined, 'default-image');
  t.is(info.networkName, 'overlay1');
  t.is(info.image, 'default-image:latest');
  t.throws(() => parseDockerContainerInfo('not an object', undefined), { instanceOf: ValidationError });
});
