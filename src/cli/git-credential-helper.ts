import type { Credentials } from './credentials.js';

/**
 * The helper line for git config: this very CLI, quoted for the shell git runs helpers through (git appends the
 * operation). Only `get` starts the CLI: git also calls `store` after every authenticated request, and a Node start
 * there would add ~0.1 s to every push for nothing.
 */
export function credentialHelperCommand(node = process.execPath, script = process.argv[1] ?? ''): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return `!f() { test "$1" = get || exit 0; exec ${q(node)} ${q(script)} git:credential get; }; f`;
}

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
