import { LABEL } from '../core/labels.js';
import type { Deps } from './deps.js';
import { requireApp } from './app-lookup.js';

export interface ProcessRow {
  name: string;
  process: string;
  replica: number;
  release: string;
  slot: string;
  port?: number;
  state: string;
  status: string;
  createdAt: string;
  /** Set when the supervisor stopped restarting it (a crash loop): its last exit code and output. */
  crashed?: { exitCode?: number; exits: number; at: string; lastLines: string[] };
}

/** What runs for an app, read from the containers themselves (labels), not from what paas believes. */
export function psService(deps: Deps) {
  return {
    async list(appName: string): Promise<ProcessRow[]> {
      const app = requireApp(deps, appName);
      const crashes = deps.store.crashes.list(app.name);
      const crashOf = (process: string, replica: number) => crashes.find((c) => c.process === process && c.replica === replica);
      const rows = (await deps.runtime.list({ app: app.name })).map((c): ProcessRow => ({
        name: c.name,
        process: c.labels[LABEL.process] ?? '?',
        replica: Number(c.labels[LABEL.replica] ?? 0),
        release: c.labels[LABEL.release] ?? '?',
        slot: c.labels[LABEL.slot] ?? '?',
        port: c.labels[LABEL.port] ? Number(c.labels[LABEL.port]) : undefined,
        state: c.state,
        status: c.status,
        createdAt: c.createdAt.toISOString(),
      }));
      for (const row of rows) {
        const crash = crashOf(row.process, row.replica);
        if (crash && row.state !== 'running') {
          row.state = 'crashed';
          row.crashed = { exitCode: crash.exitCode, exits: crash.exits, at: crash.crashedAt, lastLines: crash.lastLines };
        }
      }
      return rows.sort((a, b) => a.process.localeCompare(b.process) || a.replica - b.replica);
    },
  };
}

export type PsService = ReturnType<typeof psService>;
