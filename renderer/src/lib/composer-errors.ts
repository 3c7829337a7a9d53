// Server errors name an input path (`targets.2.options.title`); the composer shows each next to the control it means.
import { PLATFORMS, type Platform } from '../../../shared/domain';
import type { ErrorShape } from '../../../shared/errors';

/** Composer error slots: `text`, `media` (files and links), `accounts`, `when`, `timeZone`, `form`, or `<platform>:<field>`. */
export type ComposerErrors = Record<string, string>;

export const platformFieldKey = (platform: Platform, field: string): string => `${platform}:${field}`;

/** The slot an input path belongs in; `targetPlatforms[i]` is the platform of the i-th target that was sent. */
export function composerFieldOf(field: string | undefined, targetPlatforms: readonly Platform[]): string {
  if (!field) return 'form';
  const [head, index, ...rest] = field.split('.');
  switch (head) {
    case 'text':
      return 'text';
    case 'media':
    case 'mediaUrls':
      return 'media';
    case 'scheduledAt':
      return 'when';
    case 'timeZone':
      return 'timeZone';
    case 'targets': {
      const platform = index === undefined ? undefined : targetPlatforms[Number(index)];
      if (platform === undefined || rest.length === 0 || rest[0] === 'accountId') return 'accounts';
      return platformFieldKey(platform, rest.join('.'));
    }
    default:
      return 'form';
  }
}

interface ViolationLike {
  platform?: unknown;
  field?: unknown;
  message?: unknown;
}

function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}

/** Every message an error carries, each in its slot; the error's own message wins its slot, then the first detail. */
export function composerErrors(error: ErrorShape, targetPlatforms: readonly Platform[]): ComposerErrors {
  const errors: ComposerErrors = {};
  const put = (key: string, message: string): void => {
    if (errors[key] === undefined) errors[key] = message;
  };
  put(composerFieldOf(error.field, targetPlatforms), error.message);
  if (Array.isArray(error.details)) {
    for (const item of error.details as ViolationLike[]) {
      if (typeof item !== 'object' || item === null || typeof item.message !== 'string') continue;
      const field = typeof item.field === 'string' ? item.field : undefined;
      if (isPlatform(item.platform) && field !== undefined && !field.startsWith('targets')) put(platformFieldKey(item.platform, field), item.message);
      else put(composerFieldOf(field, targetPlatforms), item.message);
    }
  }
  return errors;
}
