import type { Credentials } from './credentials.js';

/** The helper line for git config: this very CLI, quoted for the shell git runs helpers through. */
export function credentialHelperCommand(node = process.execPath, script = process.argv[1] ?? ''): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return `!${q(node)} ${q(script)} git:credential`;
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
