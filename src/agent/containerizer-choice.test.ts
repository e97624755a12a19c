import test from 'ava';
import type { Containerizer } from '../isolation/containerizer.ts';
import { chooseContainerizer } from './containerizer-choice.ts';

const backend = (name: string): Containerizer => ({ name } as unknown as Containerizer);
const all = [backend('docker'), backend('linux'), backend('posix')];

function chosen(containerizers: readonly Containerizer[], info: unknown): string {
  const choice = chooseContainerizer(containerizers, info);
  return choice.ok ? choice.containerizer.name : `error: ${choice.message}`;
}

test('DOCKER containers go to docker whatever its place in the list', (t) => {
  t.is(chosen(all, { type: 'DOCKER', docker: { image: 'busybox' } }), 'docker');
  t.is(chosen([backend('posix'), backend('docker')], { type: 'DOCKER' }), 'docker');
});

test('MESOS containers and tasks without one go to the first native backend listed', (t) => {
  t.is(chosen(all, { type: 'MESOS' }), 'linux');
  t.is(chosen(all, undefined), 'linux');
  t.is(chosen([backend('docker'), backend('posix')], undefined), 'posix');
  t.is(chosen([backend('posix'), backend('linux')], { type: 'MESOS' }), 'posix');
});

test('a DOCKER container without the docker backend is refused naming the flag', (t) => {
  t.regex(chosen([backend('linux'), backend('posix')], { type: 'DOCKER' }), /^error: .*--containerizers.*'docker'/);
});

test('a native container on a docker-only agent is refused naming what is listed', (t) => {
  t.regex(chosen([backend('docker')], { type: 'MESOS' }), /^error: .*'linux' or 'posix'.*'docker'/);
});
