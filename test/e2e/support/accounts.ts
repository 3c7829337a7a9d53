// Accounts on the fake platforms, connected through the bridge's API where set-up speed matters.
import type { AccountView } from '../../../shared/domain';
import type { FakePlatforms } from './fake-platforms';
import type { WebApp } from './web-app';

export function connectX(app: WebApp, fakes: FakePlatforms, name = '@brand'): Promise<AccountView> {
  const user = fakes.twitter.addUser(name.replace(/^@/, ''));
  return app.invoke('accounts:add', {
    platform: 'twitter',
    name,
    accessToken: user.accessToken,
    externalId: user.userId,
  });
}

export function connectLinkedIn(app: WebApp, fakes: FakePlatforms, name = 'Ada Lovelace'): Promise<AccountView> {
  const member = fakes.linkedin.addMember();
  return app.invoke('accounts:add', {
    platform: 'linkedin',
    name,
    accessToken: member.accessToken,
    externalId: member.member,
  });
}
