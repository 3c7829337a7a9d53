// The Graph side of Facebook Login, added to a Graph fake: people who sign in, the Pages they manage (each with its
// own Page token, and maybe a linked Instagram professional account), GET /me for a user or a Page token, and
// GET /me/accounts listing a user's Pages with their tokens (developers.facebook.com, "Page access tokens").
import { randomBytes } from 'node:crypto';
import { GraphHttpError, type GraphCall, type GraphReply } from '../graph/graph-fake';
import type { GraphPlatformFake } from '../graph/graph-platform-fake';

export interface LoginPage {
  id: string;
  name: string;
  category: string;
  instagram?: { id: string; username: string };
}

interface LoginUser {
  id: string;
  name: string;
  pages: LoginPage[];
}

export interface FacebookLoginOptions {
  /**
   * Whom a Page token acts for in this fake: the Page (the Facebook fake), or the Page's Instagram account (the
   * Instagram fake, where content publishing checks the token against the Instagram account).
   */
  pageTokensActFor: 'page' | 'instagram';
}

export class FacebookLogin {
  private readonly users = new Map<string, LoginUser>();
  /** Page tokens handed out by /me/accounts, by token. */
  private readonly pageTokens = new Map<string, LoginPage>();

  constructor(
    private readonly graph: GraphPlatformFake,
    private readonly options: FacebookLoginOptions,
  ) {
    graph.addRoutes((call) => this.route(call));
  }

  /** A person who can sign in with Facebook and manages these Pages; returns their user id. */
  addUser(name: string, pages: LoginPage[]): string {
    const id = String(10_000_000_000 + this.users.size + 1);
    this.users.set(id, { id, name, pages });
    return id;
  }

  /** A user access token the Graph fake accepts, as Facebook's authorization server issues it. */
  mintUserToken(userId: string): string {
    const token = `EAAuser${randomBytes(16).toString('hex')}`;
    this.graph.grantToken(token, `user:${userId}`);
    return token;
  }

  /** The Page tokens handed out for a Page so far. */
  pageTokensOf(pageId: string): string[] {
    return [...this.pageTokens].filter(([, page]) => page.id === pageId).map(([token]) => token);
  }

  revoke(token: string): void {
    this.graph.setTokenState(token, 'revoked');
  }

  private route(call: GraphCall): GraphReply | undefined {
    if (call.method !== 'GET' || call.segments[0] !== 'me') return undefined;
    const subject = call.token.subject;
    const user = subject.startsWith('user:') ? this.users.get(subject.slice('user:'.length)) : undefined;
    const page = this.pageTokens.get(call.token.value);
    if (call.segments.length === 2 && call.segments[1] === 'accounts') {
      if (!user) throw new GraphHttpError(400, { message: '(#100) Tried accessing nonexisting field (accounts) on node type (Page)', code: 100 });
      return { body: { data: user.pages.map((each) => this.pageNode(each, this.pageToken(each))) } };
    }
    if (call.segments.length !== 1) return undefined;
    if (user) return { body: { id: user.id, name: user.name } };
    if (page) {
      const node = this.pageNode(page, undefined);
      const fields = (call.params.fields ?? 'id,name').replace(/\{[^}]*\}/g, '').split(',');
      return { body: Object.fromEntries(Object.entries(node).filter(([key]) => fields.includes(key) || key === 'id')) };
    }
    return undefined;
  }

  private pageToken(page: LoginPage): string {
    const token = `EAApage${randomBytes(16).toString('hex')}`;
    this.pageTokens.set(token, page);
    this.graph.grantToken(token, this.options.pageTokensActFor === 'instagram' && page.instagram ? page.instagram.id : page.id);
    return token;
  }

  private pageNode(page: LoginPage, token: string | undefined): Record<string, unknown> {
    return {
      id: page.id,
      name: page.name,
      category: page.category,
      picture: { data: { url: `https://scontent.xx.fbcdn.net/${page.id}.jpg` } },
      ...(token ? { access_token: token } : {}),
      ...(page.instagram
        ? {
            instagram_business_account: {
              id: page.instagram.id,
              username: page.instagram.username,
              profile_picture_url: `https://scontent.cdninstagram.com/${page.instagram.id}.jpg`,
            },
          }
        : {}),
    };
  }
}
