/** The hub's lower-case source and vendor names as the schema's enum values, and back. */
import type { ConsentRecord } from '../../../connectors/unified/consent.js';
import type { VendorName } from '../../../connectors/unified/contracts.js';
import type { ConsentSource, Vendor } from '../__generated__/resolvers-types.js';

export const sourceEnum = (source: ConsentRecord['source']): ConsentSource => source.toUpperCase().replace('-', '_') as ConsentSource;
export const vendorEnum = (vendor: VendorName): Vendor => vendor.toUpperCase().replace('-', '_') as Vendor;
