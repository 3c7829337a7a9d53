// Plain HTTP calls to a Graph fake, for the tests that check the fake refuses what Meta refuses.

/** A Graph answer as each case expects it (an error or a result); a field missing at run time fails the case. */
export interface GraphAnswer {
  error: { code: number; error_subcode?: number; message: string; error_user_title?: string; error_user_msg?: string };
  id: string;
  post_id?: string;
  status_code: string;
  status?: string;
  data: { message?: string; caption?: string; media_product_type?: string }[];
  paging: { cursors: { after: string }; next?: string };
}

/** Sends `params` as Graph clients do: in the query of a GET, as the form of a POST. */
export async function callGraph(method: 'GET' | 'POST', url: URL, params: Record<string, string>, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers };
  if (method === 'GET') for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  else init.body = new URLSearchParams(params);
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphAnswer };
}
