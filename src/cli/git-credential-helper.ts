import { loadCredentials, type Credentials } from './credentials.js';

/**
 * The helper line `paas git:remote` writes into git config: git's own `credential-store` reading the private file
 * `paas login` and `git:remote` keep (see saveGitCredential), quoted for the shell git runs helpers through (git
 * appends the operation). Only `get` is passed on: a failed push must not make git erase the entry, and `store`
 * has nothing to add. A C builtin answers in a few milliseconds, where starting the CLI cost ~90 ms per push.
 */
export function credentialHelperCommand(file: string): string {
  return `!f() { test "$1" = get || exit 0; exec git credential-store --file ${shellQuote(file)} get; }; f`;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Answers git's `get` request (key=value lines) only when it asks for the server we are logged in to. */
export function answerCredential(request: string, creds: Credentials): string | undefined {
  const fields = Object.fromEntries(
    request
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const server = new URL(creds.url);
  if (fields.protocol !== server.protocol.replace(':', '') || fields.host !== server.host) return undefined;
  return `username=paas\npassword=${creds.token}\n`;
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `paas git:credential OPERATION`: only `get` answers (git's `store` and `erase` have nothing to do here). */
export async function runCredentialHelper(operation: string | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  if (operation !== 'get') return;
  const creds = loadCredentials(env);
  const answer = answerCredential(await readStdin(), creds);
  if (answer) process.stdout.write(answer);
}
