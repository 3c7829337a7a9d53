// A local S3-compatible server for the media storage tests: s3rver (which checks Signature V4 on headers and
// presigned links, and refuses an expired link) with one bucket, private like a real bucket by default: a request
// without a signature is refused with AccessDenied. Every request is noted, so tests can tell what was stored,
// fetched and deleted, and when.
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';

/** The key pair s3rver knows (its one built-in account). */
export const S3_ACCESS_KEY_ID = 'S3RVER';
export const S3_SECRET_ACCESS_KEY = 'S3RVER';
export const S3_REGION = 'us-east-1';

export interface S3Request {
  method: string;
  /** `/<bucket>/<key>` */
  path: string;
  /** Signed in a header or a presigned query. */
  signed: boolean;
  presigned: boolean;
  status: number;
  at: number;
}

export interface PrivateS3 {
  endpoint: string;
  bucket: string;
  requests: S3Request[];
  /** The keys in the bucket now. */
  keys(): Promise<string[]>;
  /** Lets anonymous reads through, like a bucket made public. */
  publicRead: boolean;
  close(): Promise<void>;
}

export async function startPrivateS3(bucket = 'media-links'): Promise<PrivateS3> {
  const directory = mkdtempSync(join(tmpdir(), 'pe-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, vhostBuckets: false, configureBuckets: [{ name: bucket }] });
  const requests: S3Request[] = [];
  const state = { publicRead: false };
  server.middleware.unshift(async (ctx, next) => {
    const presigned = 'X-Amz-Signature' in ctx.query;
    const signed = presigned || ctx.headers.authorization !== undefined;
    const noted: S3Request = { method: ctx.method, path: decodeURIComponent(ctx.path), signed, presigned, status: 0, at: Date.now() };
    requests.push(noted);
    try {
      if (!signed && !(state.publicRead && ctx.method === 'GET')) {
        ctx.status = 403;
        ctx.type = 'application/xml';
        ctx.body = '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>';
        noted.status = 403;
        return;
      }
      await next();
      noted.status = ctx.status;
    } catch (error) {
      noted.status = (error as { status?: number }).status ?? 500;
      throw error;
    }
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    requests,
    get publicRead() {
      return state.publicRead;
    },
    set publicRead(value: boolean) {
      state.publicRead = value;
    },
    keys: () => listKeys(directory, bucket),
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** s3rver's filesystem store keeps each object as `<bucket>/<key>._S3rver_object`. */
async function listKeys(directory: string, bucket: string): Promise<string[]> {
  const root = join(directory, bucket);
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('._S3rver_object'))
    .map((entry) =>
      join(entry.parentPath, entry.name)
        .slice(root.length + 1)
        .replace(/\._S3rver_object$/, ''),
    )
    .sort();
}
