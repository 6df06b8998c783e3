import { PassThrough, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import type Docker from 'dockerode';
import type { TaskResult, TaskSpec } from '../../ports.js';
import { PaasError } from '../../core/errors.js';
import { createOptions } from './container-spec.js';
import { isDockerStatus } from './client.js';

/**
 * A one-off container: attached before it starts (so no output is lost), waited for, killed after the timeout, and
 * removed whatever happened. Same host network and init as the app's own containers.
 */
export async function runTask(
  docker: Docker,
  spec: TaskSpec,
  opts: { onOutput: (line: string) => void; timeoutMs: number },
): Promise<TaskResult> {
  try {
    await docker.getContainer(spec.name).remove({ force: true });
  } catch (e) {
    if (!isDockerStatus(e, 404)) throw wrap(`remove ${spec.name}`, e);
  }
  let container: Docker.Container;
  try {
    container = await docker.createContainer(createOptions({ ...spec, restart: 'no' }));
  } catch (e) {
    throw wrap(`create ${spec.name}`, e);
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const raw = (await container.attach({ stream: true, stdout: true, stderr: true })) as unknown as Readable;
    const output = new PassThrough();
    docker.modem.demuxStream(raw, output, output);
    raw.on('end', () => output.end());
    const lines = createInterface({ input: output, crlfDelay: Infinity });
    lines.on('line', (line) => opts.onOutput(line));
    const drained = new Promise<void>((resolve) => lines.once('close', resolve));

    await container.start();
    // After start: the default condition (not-running) then also answers for a task that already exited.
    const waited = container.wait() as Promise<{ StatusCode: number }>;
    let timedOut = false;
    timer = setTimeout(() => {
      timedOut = true;
      container.kill().catch(() => undefined);
    }, opts.timeoutMs);
    const { StatusCode } = await waited;
    // Output may trail the exit by a moment; do not wait for it forever.
    await Promise.race([drained, new Promise((r) => setTimeout(r, 2_000))]);
    raw.destroy();
    return { exitCode: StatusCode, timedOut };
  } catch (e) {
    throw wrap(`run ${spec.name}`, e);
  } finally {
    clearTimeout(timer);
    await container.remove({ force: true }).catch(() => undefined);
  }
}

const wrap = (what: string, e: unknown) => new PaasError('DOCKER_FAILED', `docker ${what}: ${(e as Error).message}`, { cause: e });
