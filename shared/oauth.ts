// Connecting accounts by signing in (OAuth 2.0 for native apps), the developer apps behind it, and the store that
// keeps tokens: the shapes every client sees. Never a token, a code or a client secret.
import type { AccountView, Platform } from './domain';

export const CONNECT_STATUSES = ['waiting', 'exchanging', 'choosing', 'connected', 'failed', 'cancelled'] as const;
/**
 * waiting: the browser is open at the platform's sign-in page; exchanging: the platform sent the user back and the
 * code is being traded for a token; choosing: the user picks which pages or accounts to add (Facebook, Instagram
 * through Facebook); connected, failed, cancelled: the end.
 */
export type ConnectStatus = (typeof CONNECT_STATUSES)[number];

/** A page or account the sign-in gave access to, offered for the user to pick. */
export interface ConnectChoice {
  id: string;
  name: string;
  avatarUrl: string | null;
  /** A short line shown under the name, e.g. the page's category or the linked Instagram handle. */
  detail: string | null;
}

export interface ConnectFlowView {
  id: string;
  platform: Platform;
  /** The account being reconnected, or null for a new one. */
  accountId: string | null;
  status: ConnectStatus;
  /** Where the user signs in; open it in the system browser. */
  authorizeUrl: string;
  /** Whether the engine's host already opened it (the desktop app does; the CLI and the browser UI open it themselves). */
  openedBrowser: boolean;
  /** When the flow gives up waiting (ISO). */
  expiresAt: string;
  /** What happened, in words, when it failed or needs the user. */
  message: string | null;
  choices: ConnectChoice[];
  /** The accounts added or reconnected, once connected. */
  accounts: AccountView[];
}

/** Where a platform's developer app (client id and secret) comes from, first match wins. */
export const OAUTH_APP_SOURCES = ['user', 'env', 'built-in', 'none'] as const;
export type OAuthAppSource = (typeof OAUTH_APP_SOURCES)[number];

export interface OAuthAppView {
  platform: Platform;
  source: OAuthAppSource;
  clientId: string | null;
  hasSecret: boolean;
  /** The platform's token endpoint insists on a client secret. */
  secretRequired: boolean;
  /** Null when the platform can be connected; else why not, in words. */
  missing: string | null;
  /** The redirect URIs to register with the platform, exactly as the app sends them. */
  redirectUris: string[];
  scopes: string[];
  /** LinkedIn: company pages are enabled on the user's app (w_organization_social). */
  organizations: boolean;
  consoleUrl: string;
  /** What needs review or audit before other people can connect, in words. */
  reviewNote: string;
}

export interface OAuthAppTestResult {
  ok: boolean;
  message: string;
}

export interface CredentialStoreView {
  kind: 'keychain' | 'key-file';
  where: string;
  state: 'ready' | 'locked';
  problem: string | null;
}

/** Posts that would lose a platform if an account were removed. */
export interface AccountRemovalImpact {
  accountId: string;
  posts: { id: string; text: string; scheduledAt: string | null; status: string }[];
}
