/**
 * A local S3-compatible server for integration tests: `s3rver` (the S3 REST API over HTTP, with
 * SigV4 signature checks, multipart uploads and a file-system store) on a free loopback port,
 * its buckets in a temporary folder. Its one account's keys are S3RVER / S3RVER.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export type LocalS3 = {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stop: () => Promise<void>;
};

export async function startS3rver(options: { buckets: string[] }): Promise<LocalS3> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'jaring-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
