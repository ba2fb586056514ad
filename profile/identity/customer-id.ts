import { createHash } from 'node:crypto';
import { identityKey, sortIdentities, type Identity } from '../../connectors/unified/identity.js';

/**
 * A new customer's id derives from its strongest identifier at creation (email before phone
 * before vendor ids), so replaying the same observations yields the same ids. Once assigned an
 * id never changes, whatever identifiers join or leave the profile later; an id merged away keeps
 * resolving to its survivor. `salt` (never needed in practice) moves off an id already taken.
 */
export function newCustomerId(identities: readonly Identity[], salt = 0): string {
  const [anchor] = sortIdentities(identities);
  if (!anchor) throw new Error('A customer needs at least one identifier');
  const digest = createHash('sha256')
    .update(salt === 0 ? identityKey(anchor) : `${identityKey(anchor)}#${salt}`)
    .digest('hex');
  return `cus_${digest.slice(0, 24)}`;
}
