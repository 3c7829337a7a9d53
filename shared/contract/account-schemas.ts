// Input schemas of the sign-in, developer-app and credential-store channels.
import { z } from 'zod';
import { LOGIN_KINDS } from '../domain';
import { id, platform } from './schemas';

export const accountConnect = z
  .object({
    platform,
    /** Reconnect this account instead of adding a new one. */
    accountId: id.optional(),
    /** Instagram: sign in with Instagram (default) or through a Facebook Page. */
    loginKind: z.enum(LOGIN_KINDS).optional(),
    /** false: the caller opens the sign-in page itself (the CLI, the browser UI). Default: the engine's host opens it. */
    openBrowser: z.boolean().optional(),
  })
  .strict();

export const connectRef = z.object({ flowId: id }).strict();

export const connectChoose = z
  .object({
    flowId: id,
    choiceIds: z.array(id).min(1, 'choose at least one').max(100),
  })
  .strict();

export const oauthAppSet = z
  .object({
    platform,
    clientId: z.string().trim().min(1, 'must not be empty').max(500),
    /** Omitted keeps the saved secret; null removes it. */
    clientSecret: z.string().trim().min(1, 'must not be empty').max(2000).nullable().optional(),
    /** LinkedIn: the app has the Community Management API, so company pages can be connected too. */
    organizations: z.boolean().optional(),
  })
  .strict();

export const platformRef = z.object({ platform }).strict();

export const accountRemove = z
  .object({
    id,
    /** Confirms removing an account that posts still wait for: those posts lose this platform. */
    confirmed: z.boolean().optional(),
  })
  .strict();
