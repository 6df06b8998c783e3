import type Docker from 'dockerode';
import type { ImageBuilder } from '../../ports.js';
import { PaasError } from '../../core/errors.js';
import { LABEL } from '../../core/labels.js';
import { isDockerStatus } from './client.js';

interface BuildEvent {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

/** ImageBuilder on the Docker engine's build API, with host networking (there is no bridge) and never a pull. */
export function dockerBuilder(docker: Docker): ImageBuilder {
  return {
    async build(req) {
      let stream: NodeJS.ReadableStream;
      try {
        stream = await docker.buildImage(req.context, {
          t: req.tag,
          labels: req.labels,
          dockerfile: req.dockerfile,
          buildargs: req.buildArgs,
          networkmode: 'host',
          rm: true,
          forcerm: true,
          pull: false,
          // Swap included: a build that needs more fails instead of pushing the server into swap.
          memory: req.memoryBytes,
          memswap: req.memoryBytes,
          abortSignal: req.signal,
        } as Docker.ImageBuildOptions);
      } catch (e) {
        throw new PaasError('BUILD_FAILED', `docker build could not start: ${(e as Error).message}`, { cause: e });
      }
      let imageId = '';
      let failure: string | undefined;
      await new Promise<void>((resolve, reject) => {
        docker.modem.followProgress(
          stream,
          (err) => (err ? reject(err) : resolve()),
          (ev: BuildEvent) => {
            if (ev.error) failure = ev.errorDetail?.message ?? ev.error;
            if (ev.aux?.ID) imageId = ev.aux.ID;
            const text = ev.stream ?? ev.status ?? ev.error;
            if (text) for (const line of text.split('\n')) if (line.trim()) req.onOutput(line.trimEnd());
          },
        );
      }).catch((e: Error) => {
        failure = req.signal?.aborted ? 'build cancelled' : e.message;
      });
      if (failure) throw new PaasError('BUILD_FAILED', failure);
      if (!imageId) imageId = (await docker.getImage(req.tag).inspect()).Id;
      return { imageId };
    },

    async exists(tag) {
      try {
        await docker.getImage(tag).inspect();
        return true;
      } catch (e) {
        if (isDockerStatus(e, 404)) return false;
        throw e;
      }
    },

    async listTags(app) {
      const images = await docker.listImages({ filters: { label: [`${LABEL.app}=${app}`] } });
      return images.flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'));
    },

    async pruneDangling(app) {
      // Both filters must hold: untagged AND labelled as this app's, so no other app's or user's image is touched.
      const r = await docker.pruneImages({ filters: { dangling: ['true'], label: [`${LABEL.app}=${app}`] } });
      return (r.ImagesDeleted ?? []).filter((d) => d.Deleted).length;
    },

    async remove(tag) {
      try {
        await docker.getImage(tag).remove({ noprune: false });
      } catch (e) {
        if (!isDockerStatus(e, 404)) throw new PaasError('DOCKER_FAILED', `docker rmi ${tag}: ${(e as Error).message}`);
      }
    },
  };
}
