// Plays the browser's part of a sign-in for tests: opens the platform's sign-in page (the fake authorization
// server, where the test has already decided who is signed in and what they answer) and follows its redirect to
// the app's loopback listener, as a browser would.
export interface BrowserVisit {
  /** Where the platform sent the browser back to (the app's redirect URI with its query), if it did. */
  redirectedTo: URL | undefined;
  /** What the last page answered. */
  status: number;
  page: string;
}

export async function signInInBrowser(authorizeUrl: string): Promise<BrowserVisit> {
  const signIn = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = signIn.headers.get('location');
  if (signIn.status !== 302 || location === null) return { redirectedTo: undefined, status: signIn.status, page: await signIn.text() };
  const redirectedTo = new URL(location);
  const back = await fetch(redirectedTo, { redirect: 'manual' });
  return { redirectedTo, status: back.status, page: await back.text() };
}
