// GET for links the user gave (media files): only http(s), only public addresses — checked on the pinned DNS
// answer and again on the address each connection actually reached — and at most a few redirects, each of them
// checked the same way, so a public link cannot bounce the engine to 127.0.0.1, the LAN or a cloud metadata service.
import { isIP } from 'node:net';
import type { ConnectGuard, HttpClient, HttpResponse } from '../publishers/base/http-client';
import { publicOnlyLookup } from './pinned-lookup';
import { isPublicAddress, PrivateAddressError } from './public-address';

export interface PublicFetchOptions {
  maxRedirects: number;
  /**
   * Lets links reach loopback and private addresses. Only for tests whose media servers run on 127.0.0.1; the app
   * never sets it.
   */
  allowPrivateAddresses?: boolean;
  /** Which addresses count as public; default isPublicAddress. Tests stand one loopback address in for the internet. */
  isPublic?: (address: string) => boolean;
  maxResponseBytes?: number;
  signal?: AbortSignal;
  /** Streams the final 200 answer's body into this new file instead of memory (see HttpRequest.saveBodyTo). */
  saveBodyTo?: string;
}

export class TooManyRedirectsError extends Error {
  constructor(readonly limit: number) {
    super(`More than ${limit} redirects.`);
    this.name = 'TooManyRedirectsError';
  }
}

/** The link (or a redirect) is not an http(s) address. */
export class NotAWebLinkError extends Error {
  constructor(readonly link: string) {
    super(`${link} is not an http(s) address.`);
    this.name = 'NotAWebLinkError';
  }
}

function publicOnly(isPublic: (address: string) => boolean): ConnectGuard {
  return {
    lookup: publicOnlyLookup(isPublic),
    check: (host, address) =>
      address !== undefined && isPublic(address) ? undefined : new PrivateAddressError(host, address ?? 'an unknown address'),
  };
}

/** Follows redirects to the final answer; the response is any status but a redirect. */
export async function fetchPublic(client: HttpClient, link: string, options: PublicFetchOptions): Promise<{ response: HttpResponse; url: string }> {
  const isPublic = options.isPublic ?? isPublicAddress;
  const guard = options.allowPrivateAddresses ? undefined : publicOnly(isPublic);
  let current = link;
  for (let redirects = 0; ; redirects += 1) {
    const url = webUrl(current);
    // An address written into the link (also as 2130706433 or 0x7f.1, which URL turns into 127.0.0.1) skips DNS,
    // so it is judged here, before any connection.
    const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (guard && isIP(literal) !== 0 && !isPublic(literal)) throw new PrivateAddressError(url.hostname, literal);
    const response = await client.request({
      method: 'GET',
      url: url.toString(),
      ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.saveBodyTo === undefined ? {} : { saveBodyTo: options.saveBodyTo }),
      ...(guard ? { connectGuard: guard } : {}),
    });
    const location = response.header('location');
    if (response.status < 300 || response.status >= 400 || !location) return { response, url: url.toString() };
    if (redirects >= options.maxRedirects) throw new TooManyRedirectsError(options.maxRedirects);
    current = new URL(location, url).toString();
  }
}

function webUrl(link: string): URL {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new NotAWebLinkError(link);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new NotAWebLinkError(link);
  return url;
}
