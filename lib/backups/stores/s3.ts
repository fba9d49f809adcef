import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { type BackupStore, BackupStoreError, type S3StoreConfig, type StoredBackup } from '../types';
import {
  asStoreError,
  assertPlainName,
  codeForSystemError,
  isBackupName,
  parseSidecar,
  sidecarName,
  sidecarText,
} from './common';

/** S3 takes one PUT up to 5 GB; bigger files go in parts (at most 10,000 of them). */
const SINGLE_PUT_MAX = 1024 ** 3;
const PART_SIZE = 64 * 1024 ** 2;

/**
 * A bucket (and prefix) on AWS S3 or any S3-compatible service, with the AWS SDK v3. Files up to
 * 1 GiB are one `PutObject` streamed from disk with its length; bigger ones a multipart upload
 * of 64 MiB parts (`@aws-sdk/lib-storage` would do the same; it is not installed). The checksum
 * sidecar is an object beside the file, and the file's own metadata carries it too.
 *
 * Checksums the SDK would add by default (CRC32 trailers, aws-chunked bodies) are only sent
 * when an operation requires them: several S3-compatible services and s3rver refuse them.
 */
export function s3Store(
  config: S3StoreConfig,
  options: { maxAttempts?: number; singlePutMaxBytes?: number; partSizeBytes?: number } = {},
): BackupStore {
  const prefix = config.prefix.replace(/^\/+|\/+$/g, '');
  const keyPrefix = prefix ? `${prefix}/` : '';
  const label = `s3://${config.bucket}/${keyPrefix}${config.endpoint ? ` (${config.endpoint})` : ''}`;
  const client = new S3Client({
    region: config.region || 'us-east-1',
    endpoint: config.endpoint || undefined,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    maxAttempts: options.maxAttempts ?? 3,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { connectionTimeout: 15_000, requestTimeout: 300_000 },
  });
  const Bucket = config.bucket;
  const keyOf = (name: string) => {
    assertPlainName(name);
    return `${keyPrefix}${name}`;
  };
  const guard = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw s3Error(error, `${label}: ${what}`);
    }
  };

  async function upload(localFile: string, Key: string, sha256: string) {
    const { size } = await stat(localFile);
    const Metadata = { sha256 };
    if (size <= (options.singlePutMaxBytes ?? SINGLE_PUT_MAX)) {
      await client.send(
        new PutObjectCommand({ Bucket, Key, Body: createReadStream(localFile), ContentLength: size, Metadata }),
      );
      return;
    }
    const partSize = Math.max(options.partSizeBytes ?? PART_SIZE, Math.ceil(size / 9_000));
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key, Metadata }));
    try {
      const parts: { ETag?: string; PartNumber: number }[] = [];
      for (let start = 0, PartNumber = 1; start < size; start += partSize, PartNumber++) {
        const end = Math.min(start + partSize, size);
        const { ETag } = await client.send(
          new UploadPartCommand({
            Bucket,
            Key,
            UploadId,
            PartNumber,
            Body: createReadStream(localFile, { start, end: end - 1 }),
            ContentLength: end - start,
          }),
        );
        parts.push({ ETag, PartNumber });
      }
      await client.send(
        new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: parts } }),
      );
    } catch (error) {
      await client.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId })).catch(() => {});
      throw error;
    }
  }

  return {
    kind: 's3',
    label,
    locationOf: (name) => `s3://${Bucket}/${keyOf(name)}`,
    put: (localFile, name, sha256) =>
      guard(`could not upload ${name}`, async () => {
        await client.send(
          new PutObjectCommand({ Bucket, Key: keyOf(sidecarName(name)), Body: sidecarText(name, sha256) }),
        );
        // An object appears only once complete: no `.part` step is needed.
        await upload(localFile, keyOf(name), sha256);
        return { location: `s3://${Bucket}/${keyOf(name)}` };
      }),
    list: () =>
      guard('could not list the backups', async () => {
        const found: StoredBackup[] = [];
        let ContinuationToken: string | undefined;
        do {
          const page = await client.send(
            new ListObjectsV2Command({ Bucket, Prefix: keyPrefix, Delimiter: '/', ContinuationToken }),
          );
          for (const o of page.Contents ?? []) {
            const name = o.Key?.slice(keyPrefix.length) ?? '';
            if (isBackupName(name))
              found.push({ name, sizeBytes: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0) });
          }
          ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (ContinuationToken);
        return found.sort((a, b) => b.modifiedAt.getTime() - a.modifiedAt.getTime() || b.name.localeCompare(a.name));
      }),
    get: (name, localFile) =>
      guard(`could not download ${name}`, async () => {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: keyOf(name) }));
        await pipeline(object.Body as Readable, createWriteStream(localFile, { mode: 0o600 }));
        const sidecar = await client
          .send(new GetObjectCommand({ Bucket, Key: keyOf(sidecarName(name)) }))
          .then((o) => o.Body?.transformToString())
          .catch(() => undefined);
        return { sha256: (sidecar && parseSidecar(sidecar)) || object.Metadata?.sha256 || null };
      }),
    remove: (name) =>
      guard(`could not delete ${name}`, async () => {
        await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(name) }));
        await client.send(new DeleteObjectCommand({ Bucket, Key: keyOf(sidecarName(name)) }));
      }),
    check: () =>
      guard('cannot write into the bucket', async () => {
        await client.send(new HeadBucketCommand({ Bucket }));
        const Key = `${keyPrefix}.jaring-probe-${process.pid}-${Date.now()}`;
        await client.send(new PutObjectCommand({ Bucket, Key, Body: 'jaring backup probe\n' }));
        await client.send(new DeleteObjectCommand({ Bucket, Key }));
      }),
  };
}

const AUTH = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
  'AuthorizationHeaderMalformed',
]);
const NOT_FOUND = new Set(['NoSuchBucket', 'NoSuchKey', 'NotFound']);
const NO_SPACE = new Set(['EntityTooLarge', 'QuotaExceeded', 'XMinioStorageFull', 'InsufficientStorage']);

function s3Error(error: unknown, where: string): BackupStoreError {
  if (error instanceof BackupStoreError) return error;
  if (error instanceof S3ServiceException) {
    const status = error.$metadata?.httpStatusCode;
    const code = AUTH.has(error.name)
      ? 'auth_failed'
      : error.name === 'AccessDenied' || status === 403
        ? // HeadBucket answers a bare 403 for a wrong key as well as for a missing grant.
          error.name === 'AccessDenied'
          ? 'permission_denied'
          : 'auth_failed'
        : NOT_FOUND.has(error.name) || status === 404
          ? 'not_found'
          : NO_SPACE.has(error.name) || status === 507
            ? 'no_space'
            : 'other';
    return new BackupStoreError(code, `${where}: ${error.name}${error.message ? ` (${error.message})` : ''}`);
  }
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'RequestTimeout')
    return new BackupStoreError('unreachable', `${where}: timed out`);
  return asStoreError(
    error,
    where,
    codeForSystemError(error) ?? codeForSystemError((error as { cause?: unknown })?.cause),
  );
}
