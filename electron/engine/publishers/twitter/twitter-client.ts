// Authorised calls to the X API that turn any non-2xx answer into the engine's error kinds.
import type { HttpClient, HttpMethod, HttpResponse } from '../base/http-client';
import type { RequestBody } from '../base/request-body';
import { twitterFailure } from './twitter-errors';

export interface TwitterCall {
  method: HttpMethod;
  /** Path with query, e.g. `/2/tweets`. */
  path: string;
  body?: RequestBody;
  /** What the call does, for messages: "create the post". */
  action: string;
  createsPost?: boolean;
  /** Upload progress of a file in the body. */
  onBodyProgress?: (bytes: number) => void;
}

export interface TwitterAuth {
  accessToken: string;
  signal: AbortSignal | undefined;
}

export class TwitterClient {
  constructor(
    private readonly http: HttpClient,
    private readonly url: (path: string) => string,
    private readonly now: () => number,
  ) {}

  /** Sends the call with the bearer token; resolves with a 2xx response, else throws the sorted error. */
  async send(auth: TwitterAuth, call: TwitterCall): Promise<HttpResponse> {
    const response = await this.http.request({
      method: call.method,
      url: this.url(call.path),
      headers: { authorization: `Bearer ${auth.accessToken}` },
      ...(call.body ? { body: call.body } : {}),
      ...(call.createsPost ? { createsPost: true } : {}),
      ...(call.onBodyProgress ? { onBodyProgress: call.onBodyProgress } : {}),
      ...(auth.signal ? { signal: auth.signal } : {}),
    });
    if (response.status >= 200 && response.status < 300) return response;
    throw twitterFailure(response, call.action, call.createsPost ?? false, this.now());
  }
}
