import { parseArgs } from 'node:util';
import { isPaasError, PaasError } from '../core/errors.js';
import type { Command, CommandContext, Flags } from './command.js';
import { COMMANDS } from './commands/index.js';
import { ApiClient } from './client.js';
import { loadCredentials } from './credentials.js';
import { resolveApp } from './app-resolution.js';

const COMMON = {
  app: { type: 'string', short: 'a' },
  remote: { type: 'string', short: 'r' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function findCommand(name: string | undefined): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

/** Parses `argv` for `command`: its own options plus the common ones (-a, -r, --json, --verbose, -h). */
export function parseCommandArgs(command: Command, argv: string[]): { args: string[]; flags: Flags } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true });
    return { args: positionals, flags: values as Flags };
  } catch (e) {
    throw new PaasError('CLI_USAGE', (e as Error).message, { hint: `usage: paas ${command.usage}` });
  }
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return ['Usage: paas COMMAND [options]', '', ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n');
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage() + '\n');
    return name ? 0 : 1;
  }
  const command = findCommand(name);
  let verbose = rest.includes('--verbose');
  try {
    if (!command) throw new PaasError('CLI_USAGE', `unknown command ${JSON.stringify(name)}`, { hint: 'run `paas help`' });
    const { args, flags } = parseCommandArgs(command, rest);
    verbose = flags.verbose === true;
    if (flags.help) {
      process.stdout.write(`Usage: paas ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    let client: ApiClient | undefined;
    const ctx: CommandContext = {
      args,
      flags,
      env,
      cwd,
      api: () => (client ??= new ApiClient(loadCredentials(env))),
      app: () => resolveApp(typeof flags.app === 'string' ? flags.app : undefined, cwd, command.name === 'git:remote' ? 'paas' : (flags.remote as string | undefined) ?? 'paas'),
      print: (line = '') => process.stdout.write(line + '\n'),
      printJson: (value) => process.stdout.write(JSON.stringify(value, null, 2) + '\n'),
    };
    await command.run(ctx);
    return 0;
  } catch (e) {
    if (isPaasError(e)) {
      process.stderr.write(`error [${e.code}]: ${e.message}\n`);
      if (e.hint) process.stderr.write(`hint: ${e.hint}\n`);
    } else {
      process.stderr.write(`error [INTERNAL]: ${(e as Error).message ?? String(e)}\n`);
    }
    if (verbose && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
    return 1;
  }
}
