/**
 * Copies a container's output into its sandbox's `stdout` and `stderr` files, as Mesos' docker
 * executor does with `docker logs --follow`. The promise settles once the engine has closed the
 * log stream (the container ended) and both files are flushed, so a reader after `wait` sees it all.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type Docker from 'dockerode';

function closeFile(file: WriteStream): Promise<void> {
  file.end();
  return finished(file).catch(() => undefined);
}

/** Follows the logs (from `sinceSecs` when re-attaching after a restart) until the container ends. */
export async function followLogsIntoSandbox(docker: Docker, container: Docker.Container, sandbox: string, sinceSecs?: number): Promise<void> {
  const out = createWriteStream(join(sandbox, 'stdout'), { flags: 'a' });
  const err = createWriteStream(join(sandbox, 'stderr'), { flags: 'a' });
  try {
    const stream = await container.logs({ follow: true, stdout: true, stderr: true, ...(sinceSecs !== undefined ? { since: sinceSecs } : {}) });
    docker.modem.demuxStream(stream, out, err);
    await new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve()); // A vanished container ends its logs; nothing to report.
    });
  } finally {
    await Promise.all([closeFile(out), closeFile(err)]);
  }
}
