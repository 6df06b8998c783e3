import type { UserOutput } from '../ports.js';
import type { Build } from '../core/model.js';
import { PaasError, errorMessage } from '../core/errors.js';
import { LABEL } from '../core/labels.js';
import { detectBuild, FACT_FILES, type BuildPlan, type RepoFacts } from '../core/build/detect.js';
import { generateBuild, BUILD_DIR } from '../core/build/dockerfile.js';
import { dockerfileBaseImages } from '../core/build/base-images.js';
import { dockerignoreFilter } from '../core/build/dockerignore.js';
import { buildArgsFromConfig, BUILD_ARGS_VAR } from '../core/build/build-args.js';
import { describePlan } from '../core/build/describe.js';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';

export interface BuildInput {
  app: string;
  oid: string;
  version: number;
  tag: string;
  deployId?: number;
  /** The app's config vars (those marked build-time become build args). */
  config: Record<string, string>;
}

type StopReason = 'timeout' | 'cancel';

/**
 * Building a commit into one image: detection, the generated or the repo's Dockerfile, the build itself bounded by
 * the build timeout and memory limit, cancellable, and recorded in the builds table (`paas builds`).
 */
export function buildService(deps: Deps) {
  const settings = deps.settings.build;
  // The one thing that cannot be persisted: the handle that stops a build this process is running.
  const running = new Map<string, { buildId: number; controller: AbortController }>();

  const readFacts = async (app: string, oid: string): Promise<RepoFacts> => {
    const root = await deps.git.listRoot(app, oid);
    const files: RepoFacts['files'] = {};
    for (const name of FACT_FILES) {
      if (root.includes(name)) files[name] = (await deps.git.readFile(app, oid, name))?.toString('utf8');
    }
    return { root, files };
  };

  const checkBaseImages = async (images: string[]) => {
    if (settings.pull !== 'never') return;
    for (const image of images) {
      if (await deps.builder.exists(image)) continue;
      throw new PaasError('BASE_IMAGE_MISSING', `base image ${image} is not on this server, and pulls are off (--build-pull never)`, {
        hint: `load it on the server (docker pull ${image}, or docker load), or choose another with --node-image/--python-image/--static-image`,
      });
    }
  };

  const run = async (input: BuildInput, out: UserOutput, buildId: number, signal: AbortSignal): Promise<BuildPlan> => {
    const facts = await readFacts(input.app, input.oid);
    const plan = detectBuild(facts);
    deps.store.builds.setRuntime(buildId, plan.plan.runtime);
    for (const line of describePlan(plan)) out.step(line);
    const { args, ignored } = buildArgsFromConfig(input.config);
    if (ignored.length) out.info(`${BUILD_ARGS_VAR}: ignoring ${ignored.join(', ')} (not set or not a valid name)`);
    if (Object.keys(args).length) out.info(`Build args: ${Object.keys(args).join(', ')}`);
    const generated = generateBuild(
      plan.plan,
      { app: input.app, images: settings.images, caBundle: settings.caBundle, buildArgs: Object.keys(args) },
      (p) => deps.templates.read(p),
    );
    await checkBaseImages(generated.baseImage ? [generated.baseImage] : dockerfileBaseImages(facts.files.Dockerfile ?? ''));
    signal.throwIfAborted();
    const ignore = facts.files['.dockerignore'] === undefined ? () => false : dockerignoreFilter(facts.files['.dockerignore']);
    const ours = generated.files.length > 0;
    await deps.builder.build({
      context: deps.git.exportTree(input.app, input.oid, {
        exclude: (path) => ignore(path) || (ours && path.startsWith(`${BUILD_DIR}/`)),
        extraFiles: generated.files,
      }),
      tag: input.tag,
      dockerfile: generated.dockerfile,
      // Templates label the image inside their cached layers; a repo's Dockerfile gets the label as a last step.
      labels: ours ? {} : { [LABEL.app]: input.app },
      buildArgs: args,
      memoryBytes: settings.memoryBytes,
      signal,
      onOutput: (line) => out.info(line),
    });
    return plan;
  };

  const stopped = (reason: StopReason): PaasError =>
    reason === 'timeout'
      ? new PaasError('BUILD_TIMEOUT', `the build took longer than ${settings.timeoutMs / 1000} s and was stopped`, { hint: 'raise --build-timeout' })
      : new PaasError('BUILD_CANCELLED', 'the build was cancelled (paas builds:cancel)');

  return {
    /** Builds `input.oid` into `input.tag`; returns what detection found (processes, release command). */
    async buildCommit(input: BuildInput, out: UserOutput): Promise<BuildPlan> {
      const build = deps.store.builds.start({ app: input.app, commit: input.oid, deployId: input.deployId, version: input.version });
      const controller = new AbortController();
      running.set(input.app, { buildId: build.id, controller });
      const timer = setTimeout(() => controller.abort('timeout' satisfies StopReason), settings.timeoutMs);
      try {
        const plan = await run(input, out, build.id, controller.signal);
        deps.store.builds.finish(build.id, 'succeeded');
        return plan;
      } catch (e) {
        const reason = controller.signal.aborted ? (controller.signal.reason as StopReason) : undefined;
        const err = reason ? stopped(reason) : e;
        deps.store.builds.finish(build.id, reason === 'timeout' ? 'timed-out' : reason === 'cancel' ? 'cancelled' : 'failed', errorMessage(err));
        throw err;
      } finally {
        clearTimeout(timer);
        running.delete(input.app);
      }
    },

    /** The app's builds, newest first. */
    list(appName: string, limit = 50): Build[] {
      const app = requireApp(deps, appName);
      return deps.store.builds.list(app.name, limit);
    },

    /** Stops the app's running build; its push fails with BUILD_CANCELLED. */
    cancel(appName: string): Build {
      const app = requireApp(deps, appName);
      const current = running.get(app.name);
      if (!current) throw new PaasError('NOT_FOUND', `no build of ${app.name} is running`);
      current.controller.abort('cancel' satisfies StopReason);
      return deps.store.builds.get(current.buildId)!;
    },
  };
}

export type BuildService = ReturnType<typeof buildService>;
