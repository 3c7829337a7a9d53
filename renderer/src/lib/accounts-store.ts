// Connected accounts, shared by the composer, post detail and accounts screens.
import type { AccountView } from '../../../shared/domain';
import { call, onEngineEvent } from './api';
import { createLiveResource } from './live-resource';
import { removeById, upsertById } from './live-updates';

export const accountsResource = createLiveResource<AccountView[]>(
  () => call('accounts:list', {}),
  ({ update }) => {
    onEngineEvent('account:changed', ({ account }) => update((accounts) => upsertById(accounts, account)));
    onEngineEvent('account:removed', ({ accountId }) => update((accounts) => removeById(accounts, accountId)));
  },
);
