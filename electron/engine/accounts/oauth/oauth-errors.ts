// How a token endpoint said no. The cause decides the advice: a dead grant means signing in again; refused app
// credentials mean fixing the developer app in Settings; a platform that could not answer means trying later.
export type OAuthRefusalKind = 'invalid_grant' | 'invalid_client' | 'other';

export class OAuthRefusal extends Error {
  constructor(
    readonly kind: OAuthRefusalKind,
    message: string,
    /** The platform's error code, for logs. */
    readonly code: string | undefined,
    readonly httpStatus: number,
  ) {
    super(message);
    this.name = 'OAuthRefusal';
  }
}

/** The platform's token endpoint did not answer usefully (network, 5xx, 429): nothing is wrong with the grant. */
export class OAuthUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OAuthUnavailable';
  }
}
