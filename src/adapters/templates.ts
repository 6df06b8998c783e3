import type { TemplateSource } from '../ports.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** templates/ at the package root: src/adapters and dist/adapters both sit two levels below it. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/** Reads a template file by its path under templates/ (e.g. `nginx/app.conf`). */
export function readTemplate(path: string): string {
  return readFileSync(join(TEMPLATES_DIR, path), 'utf8');
}

/** The TemplateSource port on templates/ (read on each use: small files, and an upgrade may change them). */
export function fileTemplates(): TemplateSource {
  return { read: readTemplate };
}
