/** argv builders for the managed nginx: every invocation names its prefix, config and startup error log. */
export interface NginxPaths {
  bin: string;
  prefix: string;
  conf: string;
}

const base = (p: NginxPaths, conf = p.conf) => [p.bin, '-p', `${p.prefix}/`, '-c', conf, '-e', `${p.prefix}/logs/error.log`];

export const nginxTestArgv = (p: NginxPaths, conf?: string) => [...base(p, conf), '-t', '-q'];
export const nginxStartArgv = (p: NginxPaths) => base(p);
export const nginxSignalArgv = (p: NginxPaths, signal: 'reload' | 'quit' | 'reopen') => [...base(p), '-s', signal];
