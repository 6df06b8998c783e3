import { runCredentialHelper } from './git-credential-helper.js';
import { printError } from './print-error.js';

/**
 * `paas git:credential` without the rest of the CLI: git starts it on every push, and loading the whole command
 * table (tens of modules) made it ~60 ms slower, all of it before the push could begin.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    await runCredentialHelper(argv[1], env);
    return 0;
  } catch (e) {
    printError(e, false);
    return 1;
  }
}
