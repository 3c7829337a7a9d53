// A publisher that answers at once, recording when each call started: the bench measures the engine, not a platform.
import type { Platform } from '../../shared/domain';
import type { AccountProfile, PublishResult, Publisher } from '../../electron/engine/publishers/publisher';

export class InstantPublisher implements Publisher {
  readonly calls: { text: string; at: number }[] = [];
  private next = 1;

  constructor(readonly platform: Platform) {}

  async readProfile(): Promise<AccountProfile> {
    return { externalId: '1000001', name: `${this.platform} bench account`, avatarUrl: null };
  }

  async publish(_accessToken: string, contentText: string): Promise<PublishResult> {
    this.calls.push({ text: contentText, at: Date.now() });
    const id = String(this.next++);
    return { platformPostId: id, url: `https://example.invalid/p/${id}` };
  }
}
