import { homedir } from 'node:os';
import type { Command } from '../command.js';
import { parseServerConfig, SERVER_FLAGS } from '../../config.js';

export const server: Command = {
  name: 'server',
  summary: 'run the paas daemon in the foreground (API, git, router, supervisor)',
  usage: `server [${SERVER_FLAGS.map((f) => `--${f} V`).join('] [')}]`,
  options: Object.fromEntries(SERVER_FLAGS.map((f) => [f, { type: 'string' as const }])),
  async run(ctx) {
    const argv = Object.entries(ctx.flags)
      .filter(([k, v]) => SERVER_FLAGS.includes(k) && typeof v === 'string')
      .flatMap(([k, v]) => [`--${k}`, v as string]);
    const config = parseServerConfig(argv, ctx.env, { isRoot: process.getuid?.() === 0, home: homedir() });
    // Loaded only here: every other command (git's credential helper runs on each push) starts without the daemon's
    // dependency tree (dockerode, isomorphic-git, express, SQLite), several hundred milliseconds of imports.
    const { startDaemon } = await import('../../daemon.js');
    const daemon = await startDaemon(config);
    const stop = () => {
      daemon.close().finally(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    await new Promise(() => undefined);
  },
};
