// Account forms → requests: empty optional fields are left out, the expiry is read in the user's zone.
import type { ChannelInput } from '../../../shared/contract/channels';
import type { Platform } from '../../../shared/domain';
import { AppError } from '../../../shared/errors';
import { wallTimeToInstant } from './time';

export interface AccountFormValues {
  platform: Platform;
  name: string;
  accessToken: string;
  refreshToken: string;
  /** From an <input type="datetime-local">: YYYY-MM-DDTHH:mm, or empty. */
  expiresAt: string;
  externalId: string;
}

/** The instant a datetime-local value names in a zone; throws a field error when it names none. */
function localDateTimeToInstant(value: string, zone: string, field: string): string {
  const [date = '', time = ''] = value.split('T');
  const instant = wallTimeToInstant({ date, time: time.slice(0, 5) }, zone);
  if (!instant) throw new AppError({ code: 'validation', field, message: 'Enter a date and time, or leave it empty.' });
  return instant.iso;
}

export function accountAddInput(values: AccountFormValues, zone: string): ChannelInput<'accounts:add'> {
  const input: ChannelInput<'accounts:add'> = {
    platform: values.platform,
    accessToken: values.accessToken.trim(),
  };
  // Empty: the name the platform gives.
  if (values.name.trim() !== '') input.name = values.name.trim();
  if (values.refreshToken.trim() !== '') input.refreshToken = values.refreshToken.trim();
  if (values.expiresAt !== '') input.expiresAt = localDateTimeToInstant(values.expiresAt, zone, 'expiresAt');
  if (values.externalId.trim() !== '') input.externalId = values.externalId.trim();
  return input;
}

export interface ReconnectValues {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
}

/** A new token replaces the old; an empty refresh token or expiry clears the stored one, since it belonged to the old token. */
export function accountReconnectInput(id: string, values: ReconnectValues, zone: string): ChannelInput<'accounts:update'> {
  return {
    id,
    accessToken: values.accessToken.trim(),
    refreshToken: values.refreshToken.trim() === '' ? null : values.refreshToken.trim(),
    expiresAt: values.expiresAt === '' ? null : localDateTimeToInstant(values.expiresAt, zone, 'expiresAt'),
  };
}
