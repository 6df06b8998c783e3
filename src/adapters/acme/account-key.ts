import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import acme from 'acme-client';

/** The server's ACME account key (PEM, mode 0600), created on first use and kept across restarts. */
export async function loadOrCreateAccountKey(file: string): Promise<Buffer> {
  if (existsSync(file)) return readFileSync(file);
  const key = await acme.crypto.createPrivateEcdsaKey();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, key, { mode: 0o600 });
  renameSync(tmp, file);
  return key;
}
