// What every platform's publisher does the same way: check the rules before any network call, keep the token
// fresh through the engine's token source (ahead of expiry, and once after a 401), respect the local posting limit,
// and only then run the platform's own steps.
import { PLATFORM_LABELS, type Platform, type TargetOptions } from '../../../../shared/domain';
import { checkTarget } from '../../../../shared/platform-rules';
import { PermanentError, UnreachableError, type PublishError } from '../errors';
import type { AccountProfile, ExistingPost, ProfileQuery, PublishOptions, PublishResult, Publisher } from '../publisher';
import { classifyHttpFailure, isUnauthorized } from './http-failure';
import { HttpClient, type HttpResponse } from './http-client';
import { downloadMedia, libraryFile, removeDownload, type MediaFile, type PublishMedia } from './media';
import { createMemoryLedger } from './memory-ledger';
import type { PublishContext } from './publish-context';
import {
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_POLL_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  resolveApiOrigin,
  type PostingLimit,
  type PublisherConfig,
} from './publisher-config';
import { SignInRefusedError, signInRefused } from './sign-in-refused';
import { TokenBuckets } from './token-bucket';
import { UploadProgressReporter } from './upload-progress';

export abstract class BasePublisher implements Publisher {
  abstract readonly platform: Platform;
  /** The platform's API origin, e.g. `https://api.x.com`; replaced by the configured override when one is set. */
  protected abstract readonly defaultApiOrigin: string;
  /** The local posting limit per account unless the config sets one; platforms override with their own. */
  protected readonly defaultPostingLimit: PostingLimit = { capacity: 10, refillEveryMs: 6 * 60_000 };

  protected readonly now: () => number;
  protected readonly requestTimeoutMs: number;
  protected readonly pollIntervalMs: number;
  protected readonly pollTimeoutMs: number;
  private httpClient: HttpClient | undefined;
  private buckets: TokenBuckets | undefined;

  constructor(protected readonly config: PublisherConfig = {}) {
    this.now = config.now ?? Date.now;
    this.requestTimeoutMs = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.pollIntervalMs = config.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.pollTimeoutMs = config.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
  }

  /** The platform's name in messages, e.g. "X (Twitter)". */
  get label(): string {
    return PLATFORM_LABELS[this.platform];
  }

  /** The HTTP client, labelled with the platform and using the configured timeout. */
  protected get http(): HttpClient {
    this.httpClient ??= new HttpClient({ label: this.label, timeoutMs: this.requestTimeoutMs, apiAnswers: true, keepAlive: true });
    return this.httpClient;
  }

  /** What every media download takes from the config: public addresses only, unless a test allows private ones. */
  protected get mediaAddresses(): { allowPrivateAddresses?: true } {
    return this.config.allowPrivateMediaAddresses ? { allowPrivateAddresses: true } : {};
  }

  /**
   * The URL of an API path: the override origin when configured, else `defaultOrigin` (the platform's API origin
   * unless another host of the same platform is meant, e.g. an upload host). URLs returned by the platform are
   * used as given, never passed through here.
   */
  protected apiUrl(path: string, defaultOrigin: string = this.defaultApiOrigin): string {
    return `${resolveApiOrigin(this.platform, this.config) ?? defaultOrigin}${path}`;
  }

  /** Where the platform's API answers (the configured override, else its own origin): the engine's reachability probe. */
  get apiOrigin(): string {
    return resolveApiOrigin(this.platform, this.config) ?? this.defaultApiOrigin;
  }

  /** Sorts a failed response with the default rules (see classifyHttpFailure), using this publisher's clock. */
  protected httpFailure(
    response: HttpResponse,
    message: string,
    extra: { platformCode?: string; createsPost?: boolean; retryAt?: number } = {},
  ): PublishError {
    return classifyHttpFailure({ response, message, now: this.now(), ...extra });
  }

  /** Validates, keeps the token fresh, takes a posting token, then runs `publishContent`. */
  async publish(accessToken: string, contentText: string, mediaUrls: string[] = [], options: PublishOptions = {}): Promise<PublishResult> {
    this.validate(contentText, mediaUrls, options);
    return this.withFreshToken(accessToken, contentText, mediaUrls, options, true, (context) => this.publishContent(context));
  }

  /** Keeps the token fresh like `publish`, then runs `findExistingContent`. */
  async findExisting(accessToken: string, contentText: string, mediaUrls: string[] = [], options: PublishOptions = {}): Promise<ExistingPost> {
    return this.withFreshToken(accessToken, contentText, mediaUrls, options, false, (context) => this.findExistingContent(context));
  }

  /**
   * The platform's steps: upload media, save handles in `context.ledger` before the create call, create the post.
   * Throw the errors of ../errors; a PermanentError with authFailure and httpStatus 401 makes the base refresh the
   * token once and call this again (so it must resume from saved handles rather than repeat finished steps).
   */
  protected abstract publishContent(context: PublishContext): Promise<PublishResult>;

  /** Reads the profile; a refused token becomes the reconnect error. */
  async readProfile(accessToken: string, query: ProfileQuery): Promise<AccountProfile> {
    try {
      return await this.readProfileContent(accessToken, query);
    } catch (error) {
      throw isUnauthorized(error) ? this.reconnectError({}, error) : error;
    }
  }

  /** The platform's profile read: who the token belongs to. */
  protected abstract readProfileContent(accessToken: string, query: ProfileQuery): Promise<AccountProfile>;

  /** Looks for the post on the platform; the default cannot tell. */
  protected findExistingContent(_context: PublishContext): Promise<ExistingPost> {
    return Promise.resolve({ state: 'unknown', reason: `${this.label} offers no way to look up an earlier post.` });
  }

  /** A PermanentError (authFailure) telling the user to reconnect the account. */
  protected reconnectError(context: { account?: PublishOptions['account'] }, cause?: unknown): PermanentError {
    // Already the reconnect message (e.g. from a platform's own error classification): wrapping would say it twice.
    if (cause instanceof SignInRefusedError) return cause;
    return signInRefused({
      label: this.label,
      account: context.account,
      ...(cause instanceof Error ? { reason: cause.message } : {}),
      ...(cause instanceof PermanentError && cause.httpStatus !== undefined ? { httpStatus: cause.httpStatus } : {}),
      ...(cause === undefined ? {} : { cause }),
    });
  }

  private validate(text: string, mediaUrls: string[], options: PublishOptions): void {
    const settings: TargetOptions | undefined = options.settings;
    const media = options.media?.map((item) => (item.source === 'link' ? { name: item.url, url: item.url } : { name: item.name, facts: item.facts }));
    const violations = checkTarget({
      platform: this.platform,
      text,
      mediaUrls,
      ...(media ? { media } : {}),
      ...(settings ? { options: settings } : {}),
    });
    if (violations.length > 0) {
      throw new PermanentError(violations.map((violation) => violation.message).join(' '), { platformCode: violations[0].rule });
    }
  }

  private postingBuckets(): TokenBuckets {
    this.buckets ??= new TokenBuckets({ ...(this.config.postingLimit ?? this.defaultPostingLimit), now: this.now });
    return this.buckets;
  }

  private async withFreshToken<T>(
    accessToken: string,
    text: string,
    mediaUrls: string[],
    options: PublishOptions,
    takesPostingToken: boolean,
    work: (context: PublishContext) => Promise<T>,
  ): Promise<T> {
    const ledger = options.ledger ?? createMemoryLedger();
    const firstAttemptAt = options.firstAttemptAt ?? this.now();
    const media: PublishMedia[] = options.media ?? mediaUrls.map((url) => ({ source: 'link', url }));
    const links = media.flatMap((item) => (item.source === 'link' ? [item.url] : []));
    const progress = new UploadProgressReporter(media.length, options.onProgress);
    const opened = new Map<number, Promise<MediaFile>>();
    const openMedia = (index: number, limits: { maxBytes: number; expect?: 'image' | 'video' }): Promise<MediaFile> => {
      let file = opened.get(index);
      if (!file) {
        file = this.openMediaItem(media, index, limits, options.signal);
        opened.set(index, file);
        // A failed open is not kept: the next try opens it again.
        file.catch(() => opened.delete(index));
      }
      return file;
    };
    const contextFor = (token: string): PublishContext => ({
      accessToken: token,
      text,
      mediaUrls: links,
      media,
      openMedia,
      progress,
      publicLinks: options.publicLinks,
      settings: options.settings ?? {},
      account: options.account,
      ledger,
      signal: options.signal,
      firstAttemptAt,
    });
    try {
      return await this.withToken(accessToken, options, takesPostingToken, contextFor, work);
    } finally {
      // Downloaded links are temporary copies; library files stay.
      await Promise.all([...opened.values()].map((file) => file.then(removeDownload, () => undefined)));
    }
  }

  private async openMediaItem(
    media: readonly PublishMedia[],
    index: number,
    limits: { maxBytes: number; expect?: 'image' | 'video' },
    signal: AbortSignal | undefined,
  ): Promise<MediaFile> {
    const item = media[index];
    if (item === undefined) throw new PermanentError(`The post has no media item ${index + 1}.`);
    if (item.source === 'file') return libraryFile(item);
    const file = await downloadMedia(item.url, {
      ...this.mediaAddresses,
      label: this.label,
      ...limits,
      ...(signal ? { signal } : {}),
      ...(this.config.mediaTempDir ? { tempDir: this.config.mediaTempDir } : {}),
    });
    return { ...file, altText: item.altText };
  }

  private async withToken<T>(
    accessToken: string,
    options: PublishOptions,
    takesPostingToken: boolean,
    contextFor: (token: string) => PublishContext,
    work: (context: PublishContext) => Promise<T>,
  ): Promise<T> {
    const tokens = options.tokens;
    const token = tokens ? await tokens.fresh(accessToken) : accessToken;
    const bucket = `${this.platform}:${options.account?.id ?? 'default'}`;
    if (takesPostingToken) await this.postingBuckets().take(bucket, this.label, options.signal);
    try {
      return await this.workWithRenewal(token, options, (fresh) => work(contextFor(fresh)));
    } catch (error) {
      // A try that reached nothing posted nothing: it does not count against the posting limit.
      if (takesPostingToken && error instanceof UnreachableError) this.postingBuckets().giveBack(bucket);
      throw error;
    }
  }

  /** Runs `work`, and once more with a renewed token after a 401. */
  private async workWithRenewal<T>(token: string, options: PublishOptions, work: (token: string) => Promise<T>): Promise<T> {
    const tokens = options.tokens;
    let current = token;
    try {
      return await work(current);
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      if (!tokens) throw this.reconnectError(options, error);
      current = await tokens.renew(current);
    }
    try {
      return await work(current);
    } catch (error) {
      throw isUnauthorized(error) ? this.reconnectError(options, error) : error;
    }
  }
}
