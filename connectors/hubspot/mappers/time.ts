/** HubSpot datetimes arrive as ISO strings or epoch milliseconds (as strings or numbers): always ISO out. */
export function toIso(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = typeof value === 'number' || /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

export const epochMs = (iso: string): number => Date.parse(iso);
