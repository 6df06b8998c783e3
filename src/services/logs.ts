import { PassThrough, type Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { LABEL } from '../core/labels.js';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';

export interface LogRequest {
  follow: boolean;
  tail: number;
  process?: string;
}

/** The app's output, Heroku style: each line prefixed with `app[web.1]:`, merged across containers. */
export function logsService(deps: Deps) {
  return {
    async stream(appName: string, req: LogRequest): Promise<Readable> {
      const app = requireApp(deps, appName);
      const containers = (await deps.runtime.list({ app: app.name })).filter(
        (c) => c.state === 'running' && (!req.process || c.labels[LABEL.process] === req.process),
      );
      const out = new PassThrough();
      let open = containers.length;
      if (open === 0) out.end();
      const sources: Readable[] = [];
      out.on('close', () => sources.forEach((s) => s.destroy()));
      for (const c of containers) {
        const source = await deps.runtime.logs(c.id, { follow: req.follow, tail: req.tail });
        sources.push(source);
        const prefix = `${app.name}[${c.labels[LABEL.process]}.${c.labels[LABEL.replica]}]: `;
        const lines = createInterface({ input: source, crlfDelay: Infinity });
        lines.on('line', (line) => out.write(prefix + line + '\n'));
        lines.on('close', () => {
          if (--open === 0) out.end();
        });
        source.on('error', () => lines.close());
      }
      return out;
    },
  };
}

export type LogsService = ReturnType<typeof logsService>;
