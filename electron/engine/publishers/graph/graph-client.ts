// Authorised Graph API calls (Facebook Pages, Instagram) that turn any failed answer into the engine's error kinds.
import { AmbiguousError, RetryableError } from '../errors';
import type { HttpClient, HttpResponse } from '../base/http-client';
import type { FileRange, MultipartPart, RequestBody } from '../base/request-body';
import { classifyGraphFailure, type GraphStep } from './classify-graph-error';

/** The Graph API version every call names, so Meta's behaviour does not change under the app. */
export const GRAPH_API_VERSION = 'v23.0';

export interface GraphAuth {
  accessToken: string;
  signal: AbortSignal | undefined;
  /** Another Meta API host for every call with this token (graph.instagram.com for Instagram Login tokens). */
  origin?: string;
}

export interface GraphClientOptions {
  http: HttpClient;
  /** The URL of a versioned path on `origin` (the platform's host unless overridden). */
  url: (path: string, origin?: string) => string;
  now: () => number;
  /** "Facebook" or "Instagram". */
  label: string;
}

export type GraphQuery = Record<string, string | number | undefined>;

function queryString(query: GraphQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

export class GraphClient {
  constructor(private readonly options: GraphClientOptions) {}

  /** GET `path` (e.g. `/123/feed`) with `query`; a failure is sorted as a read unless `step` says otherwise. */
  async get(auth: GraphAuth, path: string, query: GraphQuery = {}, step: GraphStep = 'read'): Promise<unknown> {
    const url = this.options.url(`/${GRAPH_API_VERSION}${path}${queryString(query)}`, auth.origin);
    return this.send(auth, 'GET', url, undefined, step);
  }

  /** POST form fields to `path`; `origin` names another Meta host (graph-video) that the override also replaces. */
  async post(auth: GraphAuth, path: string, fields: Record<string, string>, step: GraphStep, origin?: string): Promise<unknown> {
    const url = this.options.url(`/${GRAPH_API_VERSION}${path}`, origin ?? auth.origin);
    return this.send(auth, 'POST', url, { type: 'form', fields }, step);
  }

  /** POST fields and one file (streamed from disk) as multipart/form-data, as Graph takes `source` and video chunks. */
  async postFile(
    auth: GraphAuth,
    path: string,
    fields: Record<string, string>,
    file: { name: string; range: FileRange; filename: string; contentType: string },
    step: GraphStep,
    options: { origin?: string; onBodyProgress?: (bytes: number) => void; timeoutMs?: number } = {},
  ): Promise<unknown> {
    const url = this.options.url(`/${GRAPH_API_VERSION}${path}`, options.origin ?? auth.origin);
    const parts: MultipartPart[] = [
      ...Object.entries(fields).map(([name, value]) => ({ name, value })),
      { name: file.name, file: file.range, filename: file.filename, contentType: file.contentType },
    ];
    return this.send(auth, 'POST', url, { type: 'multipart', parts }, step, options);
  }

  private async send(
    auth: GraphAuth,
    method: 'GET' | 'POST',
    url: string,
    requestBody: RequestBody | undefined,
    step: GraphStep,
    extra: { onBodyProgress?: (bytes: number) => void; timeoutMs?: number } = {},
  ): Promise<unknown> {
    const response = await this.options.http.request({
      method,
      url,
      headers: { authorization: `Bearer ${auth.accessToken}` },
      ...(requestBody ? { body: requestBody } : {}),
      ...(step === 'create' ? { createsPost: true } : {}),
      ...(auth.signal ? { signal: auth.signal } : {}),
      ...(extra.onBodyProgress ? { onBodyProgress: extra.onBodyProgress } : {}),
      ...(extra.timeoutMs ? { timeoutMs: extra.timeoutMs } : {}),
    });
    const body = response.json();
    const failed = response.status < 200 || response.status >= 300 || (typeof body === 'object' && body !== null && 'error' in body);
    if (failed) throw this.failure(response, body, step);
    if (body === undefined) throw this.unreadable(response, step);
    return body;
  }

  private failure(response: HttpResponse, body: unknown, step: GraphStep): Error {
    return classifyGraphFailure({
      status: response.status,
      body,
      header: (name) => response.header(name),
      step,
      label: this.options.label,
      now: this.options.now(),
    });
  }

  /** A 2xx answer that is not JSON: on the create call the post may exist, elsewhere nothing happened that matters. */
  private unreadable(response: HttpResponse, step: GraphStep): Error {
    const details = { httpStatus: response.status };
    return step === 'create'
      ? new AmbiguousError(
          `${this.options.label} answered the create call with something unreadable, so the post may have been published; checking before trying again.`,
          details,
        )
      : new RetryableError(`${this.options.label} sent an unreadable answer; nothing was published.`, details);
  }
}

/** The `id` string of a Graph answer, or undefined. */
export function idOf(body: unknown, field = 'id'): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The `data` array of a Graph list answer (empty when missing). */
export function dataOf(body: unknown): Record<string, unknown>[] {
  if (typeof body !== 'object' || body === null) return [];
  const data = (body as { data?: unknown }).data;
  return Array.isArray(data) ? data.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
}

/** The `paging.cursors.after` cursor when another page follows (`paging.next` present). */
export function nextCursorOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const paging = (body as { paging?: { next?: unknown; cursors?: { after?: unknown } } }).paging;
  return typeof paging?.next === 'string' && typeof paging.cursors?.after === 'string' ? paging.cursors.after : undefined;
}

/** A string field of a Graph node. */
export function stringField(node: unknown, field: string): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const value = (node as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : undefined;
}
