import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The one-time setup token: `npm start` writes it while the install has no platform owner and
 * prints the /setup link with it, so only whoever reads the server's log or files can create
 * the owner, not the first visitor from the internet. Removed once an owner exists.
 */
export const SETUP_TOKEN_FILE = path.join(process.cwd(), '.data', 'setup-token');

export function ensureSetupToken(file = SETUP_TOKEN_FILE): string {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export function setupTokenMatches(token: string, file = SETUP_TOKEN_FILE): boolean {
  if (!existsSync(file)) return false;
  const expected = Buffer.from(readFileSync(file, 'utf8').trim());
  const given = Buffer.from(token.trim());
  return expected.length > 0 && given.length === expected.length && timingSafeEqual(given, expected);
}

export function removeSetupToken(file = SETUP_TOKEN_FILE) {
  rmSync(file, { force: true });
}
