// Which addresses a link the user gave may reach: public unicast only. Loopback, private, link-local, CGNAT,
// multicast, broadcast, unspecified and reserved ranges are refused in IPv4 and IPv6, an IPv4-mapped IPv6 address
// is judged by the IPv4 address inside it, and the IPv6 forms that embed an IPv4 address (NAT64, 6to4, Teredo) are
// refused, so no spelling of an internal address gets through.
import ipaddr from 'ipaddr.js';

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // process() turns ::ffff:127.0.0.1 into 127.0.0.1.
  return ipaddr.process(address).range() === 'unicast';
}

/** A link, or a redirect it led to, points at an address inside this machine or its network. */
export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`${host} is at ${address}, a private network address.`);
    this.name = 'PrivateAddressError';
  }
}
