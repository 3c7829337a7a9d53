// What the Facebook and Instagram publishers share: Meta's Graph API host and one Graph client per publisher.
import { BasePublisher } from '../base/base-publisher';
import { GraphClient } from './graph-client';

export abstract class GraphPublisher extends BasePublisher {
  protected readonly defaultApiOrigin = 'https://graph.facebook.com';
  private graphClient: GraphClient | undefined;

  /** The Graph client, labelled with the platform and pointed at the configured origin when one is set. */
  protected get graph(): GraphClient {
    this.graphClient ??= new GraphClient({ http: this.http, url: (path, origin) => this.apiUrl(path, origin), now: this.now, label: this.label });
    return this.graphClient;
  }
}
