// One publisher per platform, all configured from the same environment (origin overrides, OAuth clients).
import type { Platform } from '../../../shared/domain';
import type { PublisherConfig } from './base/publisher-config';
import { FacebookPublisher } from './facebook/facebook-publisher';
import { InstagramPublisher } from './instagram/instagram-publisher';
import { LinkedInPublisher } from './linkedin/linkedin-publisher';
import type { Publisher } from './publisher';
import { TiktokPublisher } from './tiktok/tiktok-publisher';
import { TwitterPublisher } from './twitter/twitter-publisher';
import { YoutubePublisher } from './youtube/youtube-publisher';

/** Every platform's publisher, keyed by platform. `config` is shared by all six (each reads its own env variables). */
export function createPublisherRegistry(config: PublisherConfig = {}): Map<Platform, Publisher> {
  const publishers: Publisher[] = [
    new InstagramPublisher(config),
    new FacebookPublisher(config),
    new TwitterPublisher(config),
    new LinkedInPublisher(config),
    new TiktokPublisher(config),
    new YoutubePublisher(config),
  ];
  return new Map(publishers.map((publisher) => [publisher.platform, publisher]));
}
