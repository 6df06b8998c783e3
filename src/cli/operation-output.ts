import type { CommandContext } from './command.js';

/** What a state-changing API call answers: the user lines of the operation, then its own fields. */
export interface OperationAnswer {
  output?: string[];
}

/** Prints the operation's `-----> …` lines (unless --json asked for the whole answer). */
export function printOperation(ctx: CommandContext, answer: OperationAnswer): void {
  if (ctx.flags.json) return ctx.printJson(answer);
  for (const line of answer.output ?? []) ctx.print(line);
}

export const appPath = (app: string, rest = '') => `/api/apps/${encodeURIComponent(app)}${rest}`;
