// The platform's own id of an account: which platforms cannot publish without it, what it is called there, and
// what a valid one looks like. The engine checks it on save, the UI asks for it, and both say the same words.
import type { Platform } from './domain';

export interface AccountIdRule {
  /** Publishing is impossible without it. */
  required: boolean;
  /** What the platform calls it. */
  label: string;
  /** Where to find it, for the form. */
  hint: string;
  pattern: RegExp;
  /** What a valid one looks like, for errors. */
  example: string;
}

export const ACCOUNT_ID_RULES: Record<Platform, AccountIdRule> = {
  instagram: {
    required: true,
    label: 'Instagram professional account id',
    hint: 'The numeric id of the Instagram business or creator account (Meta Business Suite → Settings → Instagram accounts).',
    pattern: /^\d{5,30}$/,
    example: '17841400008460056',
  },
  facebook: {
    required: true,
    label: 'Facebook Page id',
    hint: 'The numeric id of the Page (Page → About → Page transparency, or the Page’s settings).',
    pattern: /^\d{5,30}$/,
    example: '104281828001234',
  },
  twitter: {
    required: false,
    label: 'X user id',
    hint: 'The numeric user id; filled in from the profile when it is read.',
    pattern: /^\d{1,30}$/,
    example: '1849212874632847360',
  },
  linkedin: {
    required: true,
    label: 'LinkedIn member or organization URN',
    hint: 'urn:li:person:… for a member (filled in at sign-in), urn:li:organization:… for a company page you administer.',
    pattern: /^urn:li:(person|organization):[A-Za-z0-9_-]{1,64}$/,
    example: 'urn:li:organization:2414183',
  },
  tiktok: {
    required: false,
    label: 'TikTok open id',
    hint: 'Filled in from the profile.',
    pattern: /^[A-Za-z0-9._-]{1,128}$/,
    example: '-000mJ_fakeOpenId',
  },
  youtube: {
    required: false,
    label: 'YouTube channel id',
    hint: 'Starts with UC; filled in from the channel.',
    pattern: /^UC[A-Za-z0-9_-]{22}$/,
    example: 'UC_x5XG1OV2P6uZZ5FSM9Ttw',
  },
};

/** Why `id` is not a valid id for the platform, or undefined when it is. */
export function accountIdProblem(platform: Platform, id: string): string | undefined {
  const rule = ACCOUNT_ID_RULES[platform];
  return rule.pattern.test(id) ? undefined : `must be a ${rule.label}, e.g. ${rule.example}`;
}
