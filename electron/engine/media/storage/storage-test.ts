// The Test button of Settings → Media storage: what publishing will do, on a small file. The bucket must take it,
// serve it through a presigned link to a client without credentials, and delete it. What works from this computer
// but would not for the platform (an endpoint on the local network) or would expose files (a public bucket) comes
// back as warnings.
import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { MediaStorageTestResult } from '../../../../shared/media-storage';
import { isPublicAddress } from '../../net/public-address';
import { HttpClient } from '../../publishers/base/http-client';
import { RetryableError } from '../../publishers/errors';
import { StorageError, type S3Bucket, type S3BucketConfig } from './s3-bucket';

const TEST_TIMEOUT_MS = 20_000;

export async function testStorage(bucket: S3Bucket, config: S3BucketConfig): Promise<MediaStorageTestResult> {
  const key = `publishing-engine/test-${randomUUID()}.txt`;
  const content = Buffer.from(`Publishing Engine checked this bucket at ${new Date().toISOString()}.\n`);
  const http = new HttpClient({ label: 'Media storage', timeoutMs: TEST_TIMEOUT_MS });
  await bucket.put(key, content, 'text/plain; charset=utf-8');
  const warnings: string[] = [];
  try {
    const link = await bucket.presignGet(key, 300);
    const fetched = await get(http, link, config);
    if (fetched.status !== 200 || !fetched.body.equals(content)) {
      throw new StorageError(
        `The storage took the test file but did not serve it through a presigned link (HTTP ${fetched.status}).`,
        'presigned-get',
        fetched.status,
        'endpoint',
        false,
      );
    }
    const anonymous = await get(http, bucket.objectUrl(key), config);
    if (anonymous.status === 200) {
      warnings.push(
        `Anyone who knows a file's address can read it from “${config.bucket}” while it is there: the bucket is public. Make it private; the app only needs presigned links.`,
      );
    }
  } finally {
    await bucket.remove(key);
  }
  const privateAddress = await privateAddressOf(config.endpoint);
  if (privateAddress) {
    warnings.push(
      `${new URL(config.endpoint).hostname} is at ${privateAddress}, an address on your own network: Instagram cannot fetch files from there. Use storage that is reachable from the internet.`,
    );
  }
  return { message: `“${config.bucket}” took a test file, served it through a presigned link and deleted it.`, warnings };
}

async function get(http: HttpClient, url: string, config: S3BucketConfig): Promise<{ status: number; body: Buffer }> {
  try {
    const response = await http.request({ method: 'GET', url, maxResponseBytes: 1024 * 1024 });
    return { status: response.status, body: response.body };
  } catch (error) {
    if (error instanceof RetryableError) {
      throw new StorageError(
        `The storage at ${config.endpoint} could not be reached to read the test file back.`,
        'unreachable',
        undefined,
        'endpoint',
        true,
      );
    }
    throw error;
  }
}

async function privateAddressOf(endpoint: string): Promise<string | undefined> {
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.find((entry) => !isPublicAddress(entry.address))?.address;
  } catch {
    return undefined;
  }
}
