// What the Facebook and Instagram fakes share around the Graph core: starting and closing, the request log, token
// states and the injected faults. Each platform adds its own objects and routes.
import type { Fault, RecordedRequest } from '../shared/fake-server';
import {
  GraphFake,
  type GraphCall,
  type GraphErrorSpec,
  type GraphFakeOptions,
  type GraphMatch,
  type GraphReply,
  type TokenState,
} from './graph-fake';

/** A route added from outside (the sign-in's /me edges): undefined lets the platform's own routes answer. */
export type ExtraGraphRoute = (call: GraphCall) => Promise<GraphReply | undefined> | GraphReply | undefined;

export abstract class GraphPlatformFake {
  protected readonly graph: GraphFake;
  private readonly extraRoutes: ExtraGraphRoute[] = [];

  protected constructor(options: Omit<GraphFakeOptions, 'now'>, now: (() => number) | undefined) {
    this.graph = new GraphFake({ ...options, ...(now ? { now } : {}) }, async (call) => {
      for (const extra of this.extraRoutes) {
        const reply = await extra(call);
        if (reply) return reply;
      }
      return this.route(call);
    });
  }

  /** Adds routes tried before the platform's own (test/fakes/oauth adds the sign-in's /me and /me/accounts). */
  addRoutes(route: ExtraGraphRoute): void {
    this.extraRoutes.push(route);
  }

  /** A token acting for `subject` (a Page, an Instagram account, a user), as an authorization server issues it. */
  grantToken(token: string, subject: string): void {
    this.graph.grantToken(token, subject);
  }

  get origin(): string {
    return this.graph.origin;
  }

  /** Every request received, in order, with full versioned paths. */
  get requests(): RecordedRequest[] {
    return this.graph.server.requests;
  }

  close(): Promise<void> {
    return this.graph.close();
  }

  setTokenState(token: string, state: TokenState): void {
    this.graph.setTokenState(token, state);
  }

  failNext(fault: Fault, match: GraphMatch = {}): void {
    this.graph.failNext(fault, match);
  }

  failNextWithGraphError(spec: GraphErrorSpec, match: GraphMatch = {}, status = 400): void {
    this.graph.failNextWithGraphError(spec, match, status);
  }

  failNextTransient(match: GraphMatch = {}): void {
    this.graph.failNextTransient(match);
  }

  /** Starts listening; resolves with the fake. */
  protected async listening(): Promise<this> {
    await this.graph.listen();
    return this;
  }

  protected abstract route(call: GraphCall): Promise<GraphReply>;
}
