/** Small GraphQL helpers for the bench's setup steps (not for the measured load). */
export async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data || body.errors?.length) throw new Error(`GraphQL setup query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/** Vendor API calls each sandbox has served so far, summed. */
export async function sandboxCalls(sandboxUrls: Record<string, string>): Promise<number> {
  let total = 0;
  for (const base of Object.values(sandboxUrls)) {
    const response = await fetch(`${base}/__sandbox/calls`);
    total += ((await response.json()) as { total: number }).total;
  }
  return total;
}

/** The ids of the first `n` customers in the hub's directory order. */
export async function firstCustomerIds(url: string, n: number, headers: Record<string, string>): Promise<string[]> {
  const page = await graphql<{ customers: { edges: { node: { id: string } }[] } }>(
    url,
    'query ($n: Int) { customers(first: $n) { edges { node { id } } } }',
    { n },
    headers,
  );
  return page.customers.edges.map((e) => e.node.id);
}
