import { homedir } from 'node:os';
import type { Command } from '../command.js';
import { parseServerConfig, SERVER_FLAGS } from '../../config.js';
import { startDaemon } from '../../daemon.js';

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
    const daemon = await startDaemon(config);
    const stop = () => {
      daemon.close().finally(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    await new Promise(() => undefined);
  },
};
