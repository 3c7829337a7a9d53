// A publisher for the feed test platform: real HTTP, sorting failures into the engine's error types as a
// platform publisher must. Engine tests register it in place of a platform's publisher.
import type { Platform } from '../../../shared/domain';
import { AmbiguousError, PermanentError, RateLimitedError, RetryableError } from '../../../electron/engine/publishers/errors';
import type { AccountProfile, ExistingPost, PublishOptions, PublishResult, Publisher } from '../../../electron/engine/publishers/publisher';
import type { FeedPost } from './feed-server';

export class FeedPublisher implements Publisher {
  calls = 0;

  constructor(
    readonly platform: Platform,
    private readonly origin: string,
  ) {}

  async readProfile(accessToken: string): Promise<AccountProfile> {
    let response: Response;
    try {
      response = await fetch(`${this.origin}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    } catch (error) {
      throw new RetryableError('The platform could not be reached.', { cause: error });
    }
    if (response.status === 401) throw new PermanentError('The platform does not accept this token.', { authFailure: true, httpStatus: 401 });
    const { data } = (await response.json()) as { data: { id: string; name: string } };
    return { externalId: data.id, name: data.name, avatarUrl: null };
  }

  async publish(accessToken: string, contentText: string, _mediaUrls?: string[], options?: PublishOptions): Promise<PublishResult> {
    this.calls += 1;
    let response: Response;
    try {
      response = await fetch(`${this.origin}/v1/posts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: contentText }),
        ...(options?.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code === 'ECONNREFUSED') throw new RetryableError('The platform could not be reached.', { cause: error });
      throw new AmbiguousError('The connection broke after the post was sent.', { cause: error });
    }
    if (response.status === 201) {
      const { data } = (await response.json()) as { data: FeedPost };
      return { platformPostId: data.id, url: `${this.origin}/p/${data.id}` };
    }
    if (response.status === 429) {
      const reset = Number(response.headers.get('x-rate-limit-reset')) * 1000;
      throw new RateLimitedError('The platform asked us to slow down.', reset, { httpStatus: 429 });
    }
    if (response.status === 401)
      throw new PermanentError('The platform no longer accepts this account’s token.', { authFailure: true, httpStatus: 401 });
    if (response.status === 503) throw new RetryableError('The platform is briefly unavailable.', { httpStatus: 503 });
    if (response.status >= 500) throw new AmbiguousError(`The platform answered ${response.status}.`, { httpStatus: response.status });
    const body = (await response.json()) as { message?: string };
    throw new PermanentError(`The platform refused the post: ${body.message ?? response.status}.`, { httpStatus: response.status });
  }

  async findExisting(accessToken: string, contentText: string, _mediaUrls?: string[], options?: PublishOptions): Promise<ExistingPost> {
    const since = options?.firstAttemptAt ?? 0;
    const response = await fetch(`${this.origin}/v1/posts?since=${since}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (response.status === 503) throw new RetryableError('The platform could not be asked right now.', { httpStatus: 503 });
    if (response.status === 429) {
      const reset = Number(response.headers.get('x-rate-limit-reset')) * 1000;
      throw new RateLimitedError('The platform asked us to slow down.', reset, { httpStatus: 429 });
    }
    if (!response.ok) return { state: 'unknown', reason: `listing answered ${response.status}` };
    const { data } = (await response.json()) as { data: FeedPost[] };
    const match = data.find((post) => post.text === contentText);
    return match ? { state: 'found', result: { platformPostId: match.id, url: `${this.origin}/p/${match.id}` } } : { state: 'absent' };
  }
}
