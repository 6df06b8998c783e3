import { PassThrough, type Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import type { ContainerInfo, ContainerRuntime, ContainerState } from '../../ports.js';
import { LABEL } from '../../core/labels.js';
import { PaasError } from '../../core/errors.js';
import { createOptions } from './container-spec.js';
import { runTask } from './task.js';
import { isDockerStatus } from './client.js';
import { watchEvents } from './events.js';

/**
 * ContainerRuntime on a local Docker engine, scoped to one paas server: every container it creates carries
 * `paas.instance`, and it lists and watches only those.
 */
export function dockerRuntime(docker: Docker, log: Logger, instance: string): ContainerRuntime {
  const scoped = <T extends { labels: Record<string, string> }>(spec: T): T => ({ ...spec, labels: { ...spec.labels, [LABEL.instance]: instance } });
  const wrap = (what: string, e: unknown) =>
    new PaasError('DOCKER_FAILED', `docker ${what}: ${(e as Error).message}`, { cause: e });

  return {
    async run(spec) {
      try {
        await docker.getContainer(spec.name).remove({ force: true });
      } catch (e) {
        if (!isDockerStatus(e, 404)) throw wrap(`remove ${spec.name}`, e);
      }
      try {
        const container = await docker.createContainer(createOptions(scoped(spec)));
        await container.start();
        return { id: container.id };
      } catch (e) {
        throw wrap(`run ${spec.name}`, e);
      }
    },

    async list(filter) {
      const labels = [`${LABEL.managed}=true`, `${LABEL.instance}=${instance}`];
      if (filter.app) labels.push(`${LABEL.app}=${filter.app}`);
      const rows = await docker.listContainers({ all: true, filters: { label: labels } });
      return rows.map(
        (c): ContainerInfo => ({
          id: c.Id,
          name: (c.Names[0] ?? '').replace(/^\//, ''),
          image: c.Image,
          state: c.State as ContainerState,
          status: c.Status,
          labels: c.Labels,
          createdAt: new Date(c.Created * 1000),
        }),
      );
    },

    async start(id) {
      try {
        await docker.getContainer(id).start();
      } catch (e) {
        if (!isDockerStatus(e, 304)) throw wrap(`start ${id}`, e);
      }
    },

    async stop(id, timeoutSec) {
      try {
        await docker.getContainer(id).stop({ t: timeoutSec });
      } catch (e) {
        if (!isDockerStatus(e, 304, 404)) throw wrap(`stop ${id}`, e);
      }
    },

    async remove(id) {
      try {
        await docker.getContainer(id).remove({ force: true });
      } catch (e) {
        if (!isDockerStatus(e, 404, 409)) throw wrap(`remove ${id}`, e);
      }
    },

    watch: (onEvent) => watchEvents(docker, instance, onEvent, log),

    async logs(id, opts) {
      const container = docker.getContainer(id);
      const out = new PassThrough();
      if (opts.follow) {
        const raw = (await container.logs({ follow: true, stdout: true, stderr: true, tail: opts.tail })) as unknown as Readable;
        docker.modem.demuxStream(raw, out, out);
        raw.on('end', () => out.end());
        raw.on('error', (e) => out.destroy(e));
        out.on('close', () => raw.destroy());
      } else {
        const buf = (await container.logs({ follow: false, stdout: true, stderr: true, tail: opts.tail })) as unknown as Buffer;
        out.end(demuxBuffer(buf));
      }
      return out;
    },

    runTask: (spec, opts) => runTask(docker, scoped(spec), opts),
  };
}

/** Non-following logs come back as one buffer of 8-byte-header frames (no TTY). */
function demuxBuffer(buf: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at + 8 <= buf.length) {
    const len = buf.readUInt32BE(at + 4);
    parts.push(buf.subarray(at + 8, at + 8 + len));
    at += 8 + len;
  }
  return Buffer.concat(parts);
}
