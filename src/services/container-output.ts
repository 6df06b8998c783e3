import { errorMessage } from '../core/errors.js';
import type { Deps } from './deps.js';

/** The last `tail` lines a container wrote (stdout and stderr), for error reports; never throws. */
export async function lastLines(deps: Pick<Deps, 'runtime'>, name: string, tail: number): Promise<string[]> {
  try {
    const stream = await deps.runtime.logs(name, { follow: false, tail });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
  } catch (e) {
    return [`(its output could not be read: ${errorMessage(e)})`];
  }
}
