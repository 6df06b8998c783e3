import type { Command } from '../command.js';
import { loadCredentials } from '../credentials.js';
import { answerCredential, readStdin } from '../git-credential-helper.js';

/** Called by git (see git:remote): `get` answers with the token for the server paas is logged in to. */
export const gitCredential: Command = {
  name: 'git:credential',
  summary: 'git credential helper (used by git, not by hand)',
  usage: 'git:credential get|store|erase',
  async run(ctx) {
    if (ctx.args[0] !== 'get') return;
    const creds = loadCredentials(ctx.env);
    const answer = answerCredential(await readStdin(), creds);
    if (answer) process.stdout.write(answer);
  },
};
