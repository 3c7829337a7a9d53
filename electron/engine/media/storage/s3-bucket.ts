// One S3-compatible bucket (AWS S3, Cloudflare R2, Backblaze B2, MinIO …) addressed path-style
// (`<endpoint>/<bucket>/<key>`, which every one of them serves): put a file streamed from disk, presign a GET link,
// delete. Requests are signed with AWS Signature V4 by aws4fetch; the bytes go through the engine's HTTP client, so
// an upload never holds the file in memory and reports its progress. The payload is sent UNSIGNED-PAYLOAD (TLS
// protects it), so a 500 MB video is not read twice.
import { AwsV4Signer } from 'aws4fetch';
import { HttpClient, type HttpResponse } from '../../publishers/base/http-client';
import type { FileRange } from '../../publishers/base/request-body';
import { RetryableError } from '../../publishers/errors';

export interface S3BucketConfig {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface S3BucketOptions {
  /** Epoch ms; the signing time of requests and presigned links. */
  now: () => number;
  requestTimeoutMs?: number;
  /** Uploads of big files take longer than one request timeout. */
  uploadTimeoutMs?: number;
}

/** What the bucket answered when it refused, sorted for the caller: `code` is S3's (`NoSuchBucket` …). */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly httpStatus: number | undefined,
    /** The setting most likely at fault, for the form. */
    readonly field: 'endpoint' | 'region' | 'bucket' | 'accessKeyId' | 'secretAccessKey' | undefined,
    /** A passing failure (network, 5xx, throttling): trying again later may work. */
    readonly passing: boolean,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_UPLOAD_TIMEOUT_MS = 60 * 60_000;

function amzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[:-]|\.\d{3}/g, '');
}

function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

/** S3's `<Error><Code>…</Code><Message>…</Message></Error>`, when the body is one. */
function s3ErrorOf(response: HttpResponse): { code: string; message: string } {
  const text = response.text();
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1] ?? `HTTP ${response.status}`;
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? '';
  return { code, message };
}

export class S3Bucket {
  private readonly http: HttpClient;
  private readonly base: string;

  constructor(
    private readonly config: S3BucketConfig,
    private readonly options: S3BucketOptions,
  ) {
    this.http = new HttpClient({ label: 'Media storage', timeoutMs: options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS });
    this.base = `${config.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(config.bucket)}`;
  }

  /** The object's address (not a link anyone may open: the bucket stays private). */
  objectUrl(key: string): string {
    return `${this.base}/${encodeKey(key)}`;
  }

  /** Uploads bytes, or a byte range of a file streamed from disk, as `key`. */
  async put(
    key: string,
    content: FileRange | Buffer,
    contentType: string,
    options: { signal?: AbortSignal; onBodyProgress?: (bytes: number) => void } = {},
  ): Promise<void> {
    const headers = await this.signedHeaders('PUT', this.objectUrl(key), { 'content-type': contentType });
    const response = await this.send(() =>
      this.http.request({
        method: 'PUT',
        url: this.objectUrl(key),
        headers,
        body: Buffer.isBuffer(content) ? { type: 'binary', data: content, contentType } : { type: 'file', file: content, contentType },
        timeoutMs: this.options.uploadTimeoutMs ?? DEFAULT_UPLOAD_TIMEOUT_MS,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onBodyProgress ? { onBodyProgress: options.onBodyProgress } : {}),
      }),
    );
    if (response.status !== 200) throw this.refusal(response, 'store the file');
  }

  /** A GET link to `key` that works without credentials until it expires. */
  async presignGet(key: string, expiresSeconds: number): Promise<string> {
    const url = new URL(this.objectUrl(key));
    url.searchParams.set('X-Amz-Expires', String(expiresSeconds));
    const signed = await new AwsV4Signer({
      method: 'GET',
      url: url.toString(),
      ...this.credentials(),
      signQuery: true,
    }).sign();
    return signed.url.toString();
  }

  /** Deletes `key`; deleting what is already gone succeeds, as S3 does. */
  async remove(key: string, signal?: AbortSignal): Promise<void> {
    const url = this.objectUrl(key);
    const headers = await this.signedHeaders('DELETE', url, {});
    const response = await this.send(() => this.http.request({ method: 'DELETE', url, headers, ...(signal ? { signal } : {}) }));
    if (response.status !== 204 && response.status !== 200 && response.status !== 404) throw this.refusal(response, 'delete the file');
  }

  private credentials(): { accessKeyId: string; secretAccessKey: string; service: string; region: string; datetime: string } {
    return {
      accessKeyId: this.config.accessKeyId,
      secretAccessKey: this.config.secretAccessKey,
      service: 's3',
      region: this.config.region,
      datetime: amzDate(this.options.now()),
    };
  }

  private async signedHeaders(method: 'PUT' | 'DELETE', url: string, extra: Record<string, string>): Promise<Record<string, string>> {
    const signed = await new AwsV4Signer({
      method,
      url,
      headers: { ...extra, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      ...this.credentials(),
    }).sign();
    return Object.fromEntries(signed.headers.entries());
  }

  /** The request's answer; a failure to reach the bucket at all becomes a StorageError naming the endpoint. */
  private async send(request: () => Promise<HttpResponse>): Promise<HttpResponse> {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof RetryableError)) throw error;
      const reason = /failed \(([^)]*)\)/.exec(error.message)?.[1] ?? 'no answer';
      throw new StorageError(`The storage at ${this.config.endpoint} could not be reached (${reason}).`, 'unreachable', undefined, 'endpoint', true);
    }
  }

  private refusal(response: HttpResponse, action: string): StorageError {
    const { code, message } = s3ErrorOf(response);
    const passing = response.status >= 500 || response.status === 429 || code === 'SlowDown' || code === 'RequestTimeout';
    const detail = message ? `${code}: ${message}` : code;
    const known: Record<string, { field: StorageError['field']; text: string }> = {
      NoSuchBucket: { field: 'bucket', text: `There is no bucket named “${this.config.bucket}” at ${this.config.endpoint}.` },
      InvalidAccessKeyId: { field: 'accessKeyId', text: 'The storage does not know this access key id.' },
      SignatureDoesNotMatch: { field: 'secretAccessKey', text: 'The storage refused the secret key: it does not match the access key id.' },
      AuthorizationHeaderMalformed: { field: 'region', text: `The storage refused the region “${this.config.region}”.` },
      AccessDenied: { field: 'accessKeyId', text: `The storage denied access: the key may not ${action} in “${this.config.bucket}”.` },
    };
    const match = known[code];
    if (match) return new StorageError(`${match.text} (${detail})`, code, response.status, match.field, passing);
    return new StorageError(`The storage could not ${action} (HTTP ${response.status}, ${detail}).`, code, response.status, undefined, passing);
  }
}
