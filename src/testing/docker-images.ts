/**
 * Test images built locally (no registry is reachable from CI): `mesos-ts-test/busybox` from the
 * host's static busybox and test/fixtures/images/busybox/Dockerfile. Built once per engine and
 * reused; every test that needs a Docker image awaits `ensureBusyboxImage()` first.
 */
import Docker from 'dockerode';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_IMAGE = 'mesos-ts-test/busybox:latest';
/** Debian's busybox-static package installs a statically linked busybox here. */
export const STATIC_BUSYBOX = '/bin/busybox';

const FIXTURE_DIR = fileURLToPath(new URL('../../test/fixtures/images/busybox/', import.meta.url));

let building: Promise<void> | undefined;

async function imageExists(docker: Docker, name: string): Promise<boolean> {
  return docker.getImage(name).inspect().then(() => true, () => false);
}

async function build(docker: Docker): Promise<void> {
  if (await imageExists(docker, TEST_IMAGE)) return;
  const context = await mkdtemp(join(tmpdir(), 'mesos-ts-image-'));
  try {
    await copyFile(join(FIXTURE_DIR, 'Dockerfile'), join(context, 'Dockerfile'));
    await copyFile(STATIC_BUSYBOX, join(context, 'busybox')).catch((error: unknown) => {
      throw new Error(`cannot build ${TEST_IMAGE}: ${STATIC_BUSYBOX} is missing (apt-get install busybox-static)`, { cause: error });
    });
    const stream = await docker.buildImage({ context, src: ['Dockerfile', 'busybox'] }, { t: TEST_IMAGE });
    await new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (error: Error | null, output: { error?: string }[]) => {
        const failed = output.find((o) => o.error !== undefined);
        if (error) reject(error);
        else if (failed) reject(new Error(`building ${TEST_IMAGE} failed: ${failed.error}`));
        else resolve();
      });
    });
  } finally {
    await rm(context, { recursive: true, force: true });
  }
}

/** Builds the busybox test image unless the engine already has it. */
export function ensureBusyboxImage(docker: Docker = new Docker()): Promise<void> {
  building ??= build(docker).catch((error: unknown) => {
    building = undefined;
    throw error;
  });
  return building;
}
