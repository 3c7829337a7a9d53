// Authorised calls to LinkedIn's versioned REST API (`LinkedIn-Version`, Rest.li 2.0) and uploads to the URLs it
// hands out; any non-2xx answer becomes one of the engine's errors.
import type { HttpClient, HttpMethod, HttpResponse } from '../base/http-client';
import type { FileRange, RequestBody } from '../base/request-body';
import { linkedInFailure } from './linkedin-errors';

/** The monthly API version sent with every call (versions sunset about a year after release). */
export const LINKEDIN_VERSION = '202605';

export interface LinkedInCall {
  method: HttpMethod;
  /** Path with query, e.g. `/rest/posts`. */
  path: string;
  body?: RequestBody;
  /** What the call does, for messages: "publish the post". */
  action: string;
  createsPost?: boolean;
}

export interface LinkedInAuth {
  accessToken: string;
  signal: AbortSignal | undefined;
}

export class LinkedInClient {
  constructor(
    private readonly http: HttpClient,
    private readonly url: (path: string) => string,
    private readonly now: () => number,
  ) {}

  /** A REST call with the bearer token and version headers; resolves with a 2xx response. */
  async send(auth: LinkedInAuth, call: LinkedInCall): Promise<HttpResponse> {
    const response = await this.http.request({
      method: call.method,
      url: this.url(call.path),
      headers: { authorization: `Bearer ${auth.accessToken}`, 'linkedin-version': LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0' },
      ...(call.body ? { body: call.body } : {}),
      ...(call.createsPost ? { createsPost: true } : {}),
      ...(auth.signal ? { signal: auth.signal } : {}),
    });
    return this.checked(response, call.action, call.createsPost ?? false);
  }

  /** PUTs a file's bytes (or a range of them) to an upload URL LinkedIn returned (used as given, never re-pointed). */
  async upload(
    auth: LinkedInAuth,
    uploadUrl: string,
    file: FileRange,
    action: string,
    onBodyProgress?: (bytes: number) => void,
  ): Promise<HttpResponse> {
    const response = await this.http.request({
      method: 'PUT',
      url: uploadUrl,
      headers: { authorization: `Bearer ${auth.accessToken}` },
      body: { type: 'file', file, contentType: 'application/octet-stream' },
      ...(onBodyProgress ? { onBodyProgress } : {}),
      // Large parts on slow links take longer than an API call.
      timeoutMs: 5 * 60_000,
      ...(auth.signal ? { signal: auth.signal } : {}),
    });
    return this.checked(response, action, false);
  }

  private checked(response: HttpResponse, action: string, createsPost: boolean): HttpResponse {
    if (response.status >= 200 && response.status < 300) return response;
    throw linkedInFailure(response, action, createsPost, this.now());
  }
}
