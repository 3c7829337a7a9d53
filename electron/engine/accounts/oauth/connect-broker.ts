// The sign-in broker (RFC 8252): one flow per "Connect", the same for every platform, configured by its provider.
// For each flow: a fresh state and PKCE verifier, a one-shot listener on 127.0.0.1, the platform's sign-in page in
// the system browser, then the code traded for a token, the profile read and the account stored. The listener
// closes after one callback, on cancel, and when the flow times out; clients follow along by `connect:changed`.
import { randomUUID } from 'node:crypto';
import { PLATFORM_LABELS, type AccountView, type LoginKind, type Platform } from '../../../../shared/domain';
import { AppError } from '../../../../shared/errors';
import type { ConnectChoice, ConnectFlowView, ConnectStatus } from '../../../../shared/oauth';
import type { EngineEventBus } from '../../events';
import type { Logger } from '../../logger';
import { PublishError } from '../../publishers/errors';
import type { AccountService } from '../account-service';
import { LoopbackListener, PortsInUseError, type CallbackPage } from './loopback-listener';
import { missingReason, type OAuthApps } from './oauth-apps';
import { OAuthRefusal, OAuthUnavailable } from './oauth-errors';
import { newPkce, newState, type Pkce } from './pkce';
import { exchangeCode, type ConnectedAccount, type OAuthClient, type OAuthProvider, type ProviderContext } from './provider';
import { providerFor } from './providers';

export const DEFAULT_CONNECT_TIMEOUT_MS = 5 * 60_000;
/** An ended flow can still be read (the CLI may ask after the event) for this long. */
const ENDED_FLOW_KEPT_MS = 10 * 60_000;

export interface ConnectBrokerOptions {
  apps: OAuthApps;
  accounts: AccountService;
  providerContext(provider: OAuthProvider, reconnecting: { externalId: string | null } | null, signal: AbortSignal): ProviderContext;
  events: EngineEventBus;
  log: Logger;
  now: () => number;
  loopbackPorts: readonly number[];
  timeoutMs: number;
  /** Opens the sign-in page in the system browser (the desktop app); absent where the client opens it. */
  openExternal?: ((url: string) => Promise<void>) | undefined;
}

interface Flow {
  id: string;
  provider: OAuthProvider;
  client: OAuthClient;
  accountId: string | null;
  reconnecting: { externalId: string | null } | null;
  status: ConnectStatus;
  authorizeUrl: string;
  redirectUri: string;
  openedBrowser: boolean;
  expiresAt: number;
  message: string | null;
  choices: { choice: ConnectChoice; account: ConnectedAccount }[];
  accounts: AccountView[];
  listener: LoopbackListener | undefined;
  timer: NodeJS.Timeout | undefined;
  abort: AbortController;
}

export interface ConnectRequest {
  platform: Platform;
  accountId?: string | undefined;
  loginKind?: LoginKind | undefined;
  openBrowser?: boolean | undefined;
}

export class ConnectBroker {
  private readonly flows = new Map<string, Flow>();

  constructor(private readonly options: ConnectBrokerOptions) {}

  async start(request: ConnectRequest): Promise<ConnectFlowView> {
    const reconnect = request.accountId === undefined ? undefined : await this.options.accounts.find(request.accountId);
    if (reconnect && reconnect.platform !== request.platform) {
      throw new AppError({
        code: 'validation',
        field: 'platform',
        message: `platform: the account “${reconnect.name}” is on ${PLATFORM_LABELS[reconnect.platform]}.`,
      });
    }
    const provider = providerFor(request.platform, request.loginKind ?? reconnect?.login_kind ?? null);
    const { client } = this.options.apps.resolve(provider.appPlatform);
    const missing = missingReason(provider, client);
    if (missing !== null || client === undefined) throw new AppError({ code: 'conflict', field: 'platform', message: missing ?? '' });

    const state = newState();
    const pkce = provider.pkce === 'none' ? undefined : newPkce(provider.pkce);
    let listener: LoopbackListener;
    try {
      listener = await LoopbackListener.open({
        ports: provider.redirect.ports === 'fixed' ? this.options.loopbackPorts : [],
        path: provider.redirect.path,
        state,
      });
    } catch (error) {
      if (error instanceof PortsInUseError) throw new AppError({ code: 'conflict', field: 'platform', message: error.message });
      throw error;
    }
    const abort = new AbortController();
    const ctx = this.options.providerContext(provider, null, abort.signal);
    const scopes = [...provider.scopes, ...(this.options.apps.organizations(provider.appPlatform) ? (provider.organizationScopes ?? []) : [])];
    const flow: Flow = {
      id: randomUUID(),
      provider,
      client,
      accountId: reconnect?.id ?? null,
      reconnecting: reconnect ? { externalId: reconnect.external_id } : null,
      status: 'waiting',
      authorizeUrl: authorizeUrl(ctx.authUrl(provider.authorizeUrl), provider, { client, scopes, redirectUri: listener.redirectUri, state, pkce }),
      redirectUri: listener.redirectUri,
      openedBrowser: false,
      expiresAt: this.options.now() + this.options.timeoutMs,
      message: null,
      choices: [],
      accounts: [],
      listener,
      timer: undefined,
      abort,
    };
    this.flows.set(flow.id, flow);
    listener.onCallback((query) => this.callback(flow, query, pkce));
    this.waitAtMost(
      flow,
      `Nothing came back from ${provider.authority} within ${Math.round(this.options.timeoutMs / 60_000)} minutes. Connect again to retry.`,
    );

    if (request.openBrowser !== false && this.options.openExternal) {
      try {
        await this.options.openExternal(flow.authorizeUrl);
        flow.openedBrowser = true;
      } catch (error) {
        this.options.log.warn('The browser could not be opened for the sign-in; the client shows the link instead.', error);
      }
    }
    this.options.log.info(`Sign-in to ${provider.authority} started (flow ${flow.id}, redirect ${flow.redirectUri}).`);
    this.emit(flow);
    return view(flow);
  }

  get(flowId: string): ConnectFlowView {
    return view(this.find(flowId));
  }

  async choose(flowId: string, choiceIds: readonly string[]): Promise<ConnectFlowView> {
    const flow = this.find(flowId);
    if (flow.status !== 'choosing')
      throw new AppError({ code: 'conflict', field: 'flowId', message: `This sign-in is ${flow.status}; there is nothing to choose.` });
    const picked = flow.choices.filter(({ choice }) => choiceIds.includes(choice.id));
    const unknown = choiceIds.find((id) => !flow.choices.some(({ choice }) => choice.id === id));
    if (unknown !== undefined)
      throw new AppError({ code: 'validation', field: 'choiceIds', message: `choiceIds: ${unknown} is not one of the offered choices.` });
    await this.store(
      flow,
      picked.map(({ account }) => account),
    );
    return view(flow);
  }

  async cancel(flowId: string): Promise<ConnectFlowView> {
    const flow = this.find(flowId);
    if (isOpen(flow.status)) await this.end(flow, 'cancelled', 'The sign-in was cancelled.');
    return view(flow);
  }

  /** Ends every open flow (engine stop). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.flows.values()].filter((flow) => isOpen(flow.status)).map((flow) => this.end(flow, 'cancelled', 'The app stopped.')));
    for (const flow of this.flows.values()) clearTimeout(flow.timer);
    this.flows.clear();
  }

  private callback(flow: Flow, query: URLSearchParams, pkce: Pkce | undefined): CallbackPage {
    // The listener answers this one request and then closes itself; closing it here would cut off the page.
    flow.listener = undefined;
    const error = query.get('error');
    const code = query.get('code');
    const authority = flow.provider.authority;
    if (error !== null || code === null || code === '') {
      const declined = error === 'access_denied' || error === 'user_denied' || query.get('error_reason') === 'user_denied';
      const message = declined
        ? `The sign-in was declined on ${authority}. Nothing was connected.`
        : `${authority} did not sign you in (${query.get('error_description') ?? error ?? 'no code came back'}).`;
      void this.end(flow, 'failed', message);
      return { title: declined ? 'Sign-in declined' : 'Sign-in failed', message: `${message} You can close this tab.` };
    }
    flow.status = 'exchanging';
    this.emit(flow);
    void this.exchange(flow, code, pkce);
    return {
      title: 'Signed in',
      message: `You can close this tab and go back to Publishing Engine, which is finishing the connection to ${authority}.`,
    };
  }

  private async exchange(flow: Flow, code: string, pkce: Pkce | undefined): Promise<void> {
    const ctx = this.options.providerContext(flow.provider, flow.reconnecting, flow.abort.signal);
    try {
      const grant = await exchangeCode(ctx, flow.provider, flow.client, code, flow.redirectUri, pkce?.verifier);
      const outcome = await flow.provider.finish(ctx, flow.client, grant);
      if (!isOpen(flow.status)) return;
      if (outcome.kind === 'choose') {
        flow.status = 'choosing';
        flow.choices = outcome.choices;
        flow.message = `Choose which ${flow.provider.platform === 'facebook' ? 'Pages' : 'accounts'} to add.`;
        this.waitAtMost(flow, 'No choice was made in time. Connect again to retry.');
        this.emit(flow);
        return;
      }
      await this.store(flow, outcome.accounts);
    } catch (error) {
      if (isOpen(flow.status)) await this.end(flow, 'failed', failureMessage(flow.provider, error));
    }
  }

  private async store(flow: Flow, accounts: readonly ConnectedAccount[]): Promise<void> {
    try {
      flow.accounts = await this.options.accounts.saveConnected({
        platform: flow.provider.platform,
        accounts,
        clientId: flow.client.id,
        reconnectId: flow.accountId,
      });
    } catch (error) {
      await this.end(flow, 'failed', failureMessage(flow.provider, error));
      return;
    }
    const notices = accounts.flatMap((account) => (account.notice ? [account.notice] : []));
    await this.end(flow, 'connected', notices.length > 0 ? [...new Set(notices)].join(' ') : null);
  }

  private waitAtMost(flow: Flow, message: string): void {
    clearTimeout(flow.timer);
    flow.expiresAt = this.options.now() + this.options.timeoutMs;
    flow.timer = setTimeout(() => void this.end(flow, 'failed', message), this.options.timeoutMs);
    flow.timer.unref();
  }

  private async end(flow: Flow, status: 'connected' | 'failed' | 'cancelled', message: string | null): Promise<void> {
    if (!isOpen(flow.status)) return;
    flow.status = status;
    flow.message = message;
    flow.choices = status === 'connected' ? flow.choices : [];
    clearTimeout(flow.timer);
    flow.abort.abort();
    await this.listenerDone(flow);
    if (status !== 'connected') this.options.log.info(`Sign-in flow ${flow.id} ${status}: ${message ?? ''}`);
    this.emit(flow);
    flow.timer = setTimeout(() => this.flows.delete(flow.id), ENDED_FLOW_KEPT_MS);
    flow.timer.unref();
  }

  private async listenerDone(flow: Flow): Promise<void> {
    const listener = flow.listener;
    flow.listener = undefined;
    await listener?.close();
  }

  private find(flowId: string): Flow {
    const flow = this.flows.get(flowId);
    if (!flow)
      throw new AppError({
        code: 'not_found',
        field: 'flowId',
        message: `No sign-in ${flowId} (it ended more than 10 minutes ago, or never started).`,
      });
    return flow;
  }

  private emit(flow: Flow): void {
    this.options.events.emit('connect:changed', { flow: view(flow) });
  }
}

function isOpen(status: ConnectStatus): boolean {
  return status === 'waiting' || status === 'exchanging' || status === 'choosing';
}

function view(flow: Flow): ConnectFlowView {
  return {
    id: flow.id,
    platform: flow.provider.platform,
    accountId: flow.accountId,
    status: flow.status,
    authorizeUrl: flow.authorizeUrl,
    openedBrowser: flow.openedBrowser,
    expiresAt: new Date(flow.expiresAt).toISOString(),
    message: flow.message,
    choices: flow.status === 'choosing' ? flow.choices.map(({ choice }) => choice) : [],
    accounts: flow.accounts,
  };
}

interface AuthorizeRequest {
  client: OAuthClient;
  scopes: readonly string[];
  redirectUri: string;
  state: string;
  pkce: Pkce | undefined;
}

function authorizeUrl(base: string, provider: OAuthProvider, { client, scopes, redirectUri, state, pkce }: AuthorizeRequest): string {
  const url = new URL(base);
  const params: Record<string, string> = {
    response_type: 'code',
    [provider.client.idParam]: client.id,
    redirect_uri: redirectUri,
    scope: scopes.join(provider.scopeSeparator),
    state,
    ...(pkce ? { code_challenge: pkce.challenge, code_challenge_method: pkce.method } : {}),
    ...provider.authorizeParams,
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

function failureMessage(provider: OAuthProvider, error: unknown): string {
  if (error instanceof OAuthRefusal) {
    if (error.kind === 'invalid_grant') return `${error.message} The sign-in code expired or was already used. Connect again.`;
    if (error.kind === 'invalid_client')
      return `${error.message} Check the ${PLATFORM_LABELS[provider.appPlatform]} developer app under Settings → Developer apps.`;
    return error.message;
  }
  if (error instanceof OAuthUnavailable) return `${error.message} Nothing was connected; try again.`;
  if (error instanceof AppError || error instanceof PublishError || error instanceof Error) return error.message;
  return String(error);
}
