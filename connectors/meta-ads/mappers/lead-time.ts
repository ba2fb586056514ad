/** Graph API times (`2026-09-01T10:00:00+0000`) as ISO instants, and as unix seconds. */
export function graphTimeToIso(time: string): string {
  const ms = Date.parse(time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) throw new RangeError(`not a Graph API time: ${time}`);
  return new Date(ms).toISOString();
}

export const graphTimeToUnix = (time: string): number => Math.floor(Date.parse(graphTimeToIso(time)) / 1000);
