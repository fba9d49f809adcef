import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BackupError } from './errors';
import { backupKeyId } from './key';

/**
 * The `.jbk` file: a header, then the AES-256-GCM ciphertext of a tar (manifest.json,
 * database.dump, files.tar), then the 16-byte GCM tag.
 *
 *   magic "JARINGBK" (8) | version (1) | key id length (1) | key id (ASCII) | IV (12)
 *
 * The header is the cipher's additional authenticated data: a changed key id or IV fails the tag
 * like a changed byte of ciphertext. Everything is streamed, so a backup of many GB never sits in
 * memory; the tag is only known at the end, so a reader trusts nothing before it verified.
 */
const MAGIC = Buffer.from('JARINGBK', 'ascii');
export const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_HEADER_BYTES = MAGIC.length + 2 + 255 + IV_BYTES;

export type BackupHeader = { version: number; keyId: string; iv: Buffer; bytes: Buffer };

export function encodeHeader(keyId: string, iv: Buffer): Buffer {
  const id = Buffer.from(keyId, 'ascii');
  if (id.length > 255 || iv.length !== IV_BYTES) throw new Error('bad backup header fields');
  return Buffer.concat([MAGIC, Buffer.from([FORMAT_VERSION, id.length]), id, iv]);
}

/** Reads a header from the first bytes of a file; throws `not_a_backup` / `unsupported_version`. */
export function decodeHeader(head: Buffer): BackupHeader {
  const notBackup = () =>
    new BackupError('not_a_backup', 'This is not a Jaring backup file (.jbk), or it was cut short');
  if (head.length < MAGIC.length + 2 || !head.subarray(0, MAGIC.length).equals(MAGIC)) throw notBackup();
  const version = head[MAGIC.length]!;
  if (version !== FORMAT_VERSION)
    throw new BackupError(
      'unsupported_version',
      `This backup has format version ${version}; this version of Jaring reads version ${FORMAT_VERSION}. Restore it with a newer Jaring`,
      { version },
    );
  const idLength = head[MAGIC.length + 1]!;
  const idStart = MAGIC.length + 2;
  const end = idStart + idLength + IV_BYTES;
  if (head.length < end) throw notBackup();
  return {
    version,
    keyId: head.subarray(idStart, idStart + idLength).toString('ascii'),
    iv: head.subarray(idStart + idLength, end),
    bytes: head.subarray(0, end),
  };
}

/**
 * Encrypts a stream (the tar) into `file`, hashing what is written: the SHA-256 is that of the
 * whole file as stored, so any copy can be checked against it without the key.
 */
export async function encryptToFile(
  source: Readable | AsyncIterable<Buffer>,
  p: { file: string; key: Buffer },
): Promise<{ sizeBytes: number; sha256: string; keyId: string }> {
  const keyId = backupKeyId(p.key);
  const iv = randomBytes(IV_BYTES);
  const header = encodeHeader(keyId, iv);
  const cipher = createCipheriv('aes-256-gcm', p.key, iv);
  cipher.setAAD(header);
  const hash = createHash('sha256');
  let sizeBytes = 0;
  const counted = (chunk: Buffer) => {
    hash.update(chunk);
    sizeBytes += chunk.length;
    return chunk;
  };
  await pipeline(
    source,
    cipher,
    async function* frame(ciphertext: AsyncIterable<Buffer>) {
      yield counted(header);
      for await (const chunk of ciphertext) yield counted(chunk);
      // The cipher has run final() once its output ended: the tag is known.
      yield counted(cipher.getAuthTag());
    },
    createWriteStream(p.file, { mode: 0o600 }),
  );
  return { sizeBytes, sha256: hash.digest('hex'), keyId };
}

/** The header of a backup file, readable without the key (the dry run's first check). */
export async function readHeader(file: string): Promise<{ header: BackupHeader; sizeBytes: number }> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(MAX_HEADER_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    const header = decodeHeader(head);
    if (size < header.bytes.length + TAG_BYTES)
      throw new BackupError('not_a_backup', 'This is not a Jaring backup file (.jbk), or it was cut short');
    return { header, sizeBytes: size };
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts `file` into `sink` (a file path, or a function consuming the plaintext). Resolves
 * only when the GCM tag verified: until then what the sink received must not be used (a file
 * sink is deleted when the tag fails).
 */
export async function decryptFile(
  file: string,
  key: Buffer,
  sink: string | ((plaintext: AsyncIterable<Buffer>) => Promise<void>),
): Promise<BackupHeader> {
  const { header, sizeBytes } = await readHeader(file);
  const keyId = backupKeyId(key);
  if (header.keyId !== keyId)
    throw new BackupError(
      'wrong_key',
      `This backup needs key ${header.keyId}; the key given is ${keyId}. Set BACKUP_ENCRYPTION_KEY to the key the backup was made with`,
      { keyId: header.keyId, given: keyId },
    );
  const tag = Buffer.alloc(TAG_BYTES);
  const handle = await open(file, 'r');
  try {
    await handle.read(tag, 0, TAG_BYTES, sizeBytes - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', key, header.iv);
  decipher.setAAD(header.bytes);
  decipher.setAuthTag(tag);
  const ciphertext = createReadStream(file, { start: header.bytes.length, end: sizeBytes - TAG_BYTES - 1 });
  try {
    if (typeof sink === 'string') await pipeline(ciphertext, decipher, createWriteStream(sink, { mode: 0o600 }));
    else await pipeline(ciphertext, decipher, sink);
  } catch (error) {
    if (typeof sink === 'string') await rm(sink, { force: true });
    if (error instanceof BackupError) throw error;
    // OpenSSL reports a failed tag as "Unsupported state or unable to authenticate data".
    if (/authenticate/i.test((error as Error).message))
      throw new BackupError(
        'damaged',
        'This backup file was changed or damaged (its authentication tag does not match): use another copy',
      );
    throw error;
  }
  return header;
}
