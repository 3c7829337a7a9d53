// Name resolution for links the user gave: a host name is resolved once, every address it resolves to must be
// public, and the connection is made to exactly those addresses (the lookup is the one the socket uses), so a DNS
// answer that changes between a check and the connection (rebinding) cannot slip an internal address in.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isPublicAddress, PrivateAddressError } from './public-address';

export function publicOnlyLookup(isPublic: (address: string) => boolean = isPublicAddress): LookupFunction {
  return (hostname, options: LookupOptions, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((candidate) => !isPublic(candidate.address));
      if (refused) return callback(new PrivateAddressError(hostname, refused.address), '', 0);
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address.`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
