/**
 * The CRM object types the sandbox serves, under every name HubSpot accepts in a path
 * (`contacts`, `contact`, `0-1`), and the HubSpot-defined association type ids between them.
 * @see https://developers.hubspot.com/docs/guides/api/crm/understanding-the-crm#object-type-ids
 * @see https://developers.hubspot.com/docs/guides/api/crm/associations/associations-v4#association-type-id-values
 */
export const OBJECT_TYPES = ['contacts', 'deals', 'emails', 'calls', 'notes'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export const OBJECT_TYPE_IDS: Record<ObjectType, string> = {
  contacts: '0-1',
  deals: '0-3',
  emails: '0-49',
  calls: '0-48',
  notes: '0-46',
};

const SINGULAR: Record<ObjectType, string> = {
  contacts: 'contact',
  deals: 'deal',
  emails: 'email',
  calls: 'call',
  notes: 'note',
};

/** `contacts`, `contact`, `CONTACT` or `0-1` → `contacts`; undefined for a type the sandbox does not hold. */
export function resolveObjectType(segment: string): ObjectType | undefined {
  const lower = segment.toLowerCase();
  for (const type of OBJECT_TYPES) {
    if (lower === type || lower === SINGULAR[type] || lower === OBJECT_TYPE_IDS[type]) return type;
  }
  return undefined;
}

export const singularOf = (type: ObjectType): string => SINGULAR[type];

/**
 * HubSpot-defined (unlabelled) association type ids, per direction.
 * contact→deal 4 / deal→contact 3; contact→email 197 / email→contact 198;
 * contact→call 193 / call→contact 194; contact→note 201 / note→contact 202.
 */
const ASSOCIATION_TYPE_IDS: Partial<Record<ObjectType, Partial<Record<ObjectType, number>>>> = {
  contacts: { deals: 4, emails: 197, calls: 193, notes: 201 },
  deals: { contacts: 3 },
  emails: { contacts: 198 },
  calls: { contacts: 194 },
  notes: { contacts: 202 },
};

export function associationTypeId(from: ObjectType, to: ObjectType): number | undefined {
  return ASSOCIATION_TYPE_IDS[from]?.[to];
}

/** Properties every object answers with when the caller names none. */
export const DEFAULT_PROPERTIES: Record<ObjectType, readonly string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'createdate', 'lastmodifieddate', 'hs_object_id'],
  deals: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate', 'createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  emails: ['hs_timestamp', 'hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  calls: ['hs_timestamp', 'hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['hs_timestamp', 'hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** The "last modified" property of each type: contacts keep their historic name. */
export const LAST_MODIFIED_PROPERTY: Record<ObjectType, string> = {
  contacts: 'lastmodifieddate',
  deals: 'hs_lastmodifieddate',
  emails: 'hs_lastmodifieddate',
  calls: 'hs_lastmodifieddate',
  notes: 'hs_lastmodifieddate',
};

/** Datetime properties compare as instants in search (values may be epoch ms or ISO strings). */
export const DATETIME_PROPERTIES: ReadonlySet<string> = new Set([
  'createdate',
  'lastmodifieddate',
  'hs_lastmodifieddate',
  'hs_createdate',
  'hs_timestamp',
  'closedate',
]);
