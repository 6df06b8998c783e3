import { checkPath, httpsListenDirective, listenDirective, type ListenSpec } from './route.js';

export interface MainConfInput extends ListenSpec {
  /** The nginx prefix directory, owned by paas (absolute, produced by paas, never user input). */
  prefix: string;
  /** Files or globs included in the http block: the apps' server blocks. */
  includes: string[];
}

/** View of templates/nginx/nginx.conf. */
export function mainConfView(input: MainConfInput) {
  return {
    prefix: input.prefix,
    listen: listenDirective(input),
    httpsListen: httpsListenDirective(input),
    acmeWebroot: input.acmeWebroot === undefined ? undefined : checkPath(input.acmeWebroot),
    includes: input.includes.map((path) => ({ path })),
  };
}
