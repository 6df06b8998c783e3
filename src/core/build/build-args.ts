import { isValidEnvKey } from '../names.js';

/**
 * The config var that marks other config vars as build-time: a comma- or space-separated list of their names.
 * Marked vars reach the build as build args (`ARG NAME` in a Dockerfile); every var still reaches the app at run time.
 */
export const BUILD_ARGS_VAR = 'PAAS_BUILD_ARGS';

export interface BuildArgs {
  args: Record<string, string>;
  /** Names listed that are not valid keys or not set: reported to the user, not passed. */
  ignored: string[];
}

export function buildArgsFromConfig(config: Record<string, string>): BuildArgs {
  const args: Record<string, string> = {};
  const ignored: string[] = [];
  for (const name of (config[BUILD_ARGS_VAR] ?? '').split(/[\s,]+/).filter(Boolean)) {
    if (isValidEnvKey(name) && name !== BUILD_ARGS_VAR && Object.hasOwn(config, name)) args[name] = config[name]!;
    else ignored.push(name);
  }
  return { args, ignored };
}
