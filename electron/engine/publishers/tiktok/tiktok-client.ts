// Calls to TikTok's open API: JSON in, the {data, error} envelope out, failures sorted by tiktokError.
import type { HttpClient, HttpResponse } from '../base/http-client';
import { tiktokError, type TiktokEnvelope } from './tiktok-errors';

export interface TiktokAuth {
  accessToken: string;
  signal: AbortSignal | undefined;
}

export interface TiktokCallOptions {
  /** The call that creates the post: a lost answer after sending is ambiguous. */
  createsPost?: boolean;
}

export class TiktokClient {
  constructor(
    private readonly http: HttpClient,
    private readonly url: (path: string) => string,
    private readonly now: () => number,
  ) {}

  /** POSTs `body` (none when undefined) and returns `data` and the raw response; `what` completes "TikTok could not …". */
  async post<T>(
    path: string,
    body: unknown,
    auth: TiktokAuth,
    what: string,
    options: TiktokCallOptions = {},
  ): Promise<{ data: T; response: HttpResponse }> {
    const response = await this.http.request({
      method: 'POST',
      url: this.url(path),
      headers: { authorization: `Bearer ${auth.accessToken}`, 'content-type': 'application/json; charset=UTF-8' },
      ...(body === undefined ? {} : { body: { type: 'json', value: body } }),
      ...(options.createsPost ? { createsPost: true } : {}),
      ...(auth.signal ? { signal: auth.signal } : {}),
    });
    const envelope = response.json<TiktokEnvelope<T>>();
    if (response.status >= 200 && response.status < 300 && envelope?.error?.code === 'ok') return { data: envelope.data ?? ({} as T), response };
    throw tiktokError(response, what, this.now(), options.createsPost ?? false);
  }
}
