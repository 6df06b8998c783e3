import type { ParseArgsConfig } from 'node:util';
import type { ApiClient } from './client.js';

export type Flags = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  args: string[];
  flags: Flags;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The API client; throws CLI_NOT_LOGGED_IN when there are no credentials. */
  api(): ApiClient;
  /** The app: `-a/--app`, else the `paas` git remote of the current directory. */
  app(): Promise<string>;
  print(line?: string): void;
  printJson(value: unknown): void;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run(ctx: CommandContext): Promise<void>;
}
