/**
 * The portal's users who own records (`hubspot_owner_id`), as the Owners API returns them.
 * @see https://developers.hubspot.com/docs/api-reference/legacy/crm/owners/v3/guide
 */
export interface HubSpotOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
  userIdIncludingInactive: number;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  teams: { id: string; name: string; primary: boolean }[];
}

const owner = (id: string, firstName: string, lastName: string, userId: number, team: string): HubSpotOwner => ({
  id,
  email: `${firstName}.${lastName}@sales.example`.toLowerCase(),
  firstName,
  lastName,
  userId,
  userIdIncludingInactive: userId,
  createdAt: '2023-06-01T08:00:00.000Z',
  updatedAt: '2025-02-10T08:00:00.000Z',
  archived: false,
  teams: [{ id: team === 'Inside sales' ? '41001' : '41002', name: team, primary: true }],
});

/** The demo world assigns contacts to owners 7000001–7000003. */
export const OWNERS: readonly HubSpotOwner[] = [
  owner('7000001', 'Morgan', 'Ellis', 9100001, 'Inside sales'),
  owner('7000002', 'Avery', 'Quinn', 9100002, 'Inside sales'),
  owner('7000003', 'Jordan', 'Blake', 9100003, 'Account management'),
];
