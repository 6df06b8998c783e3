import { isPaasError } from '../core/errors.js';

/** How every CLI failure is shown: `error [CODE]: message`, a hint, and the stack only with --verbose. */
export function printError(e: unknown, verbose: boolean): void {
  if (isPaasError(e)) {
    process.stderr.write(`error [${e.code}]: ${e.message}\n`);
    if (e.hint) process.stderr.write(`hint: ${e.hint}\n`);
  } else {
    process.stderr.write(`error [INTERNAL]: ${(e as Error).message ?? String(e)}\n`);
  }
  if (verbose && e instanceof Error && e.stack) process.stderr.write(e.stack + '\n');
}
