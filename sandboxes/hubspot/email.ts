/** An email address as HubSpot keys it (trimmed, lower-cased), or undefined when it is not one. */
export function normalizeEmailAddress(raw: string): string | undefined {
  const email = decodeURIComponent(raw).trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
}
