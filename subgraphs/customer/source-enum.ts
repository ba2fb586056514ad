/**
 * The hub's lower-case source and vendor names (`google-ads`) as the schema's enum values
 * (`GOOGLE_ADS`), and sources back.
 */
import type { VendorName } from '../../connectors/unified/contracts.js';
import { SOURCES, type Source } from '../../connectors/unified/identity.js';
import type { Source as SourceEnum, Vendor } from './__generated__/resolvers-types.js';

const enumValue = (name: string) => name.toUpperCase().replace('-', '_');

export const toSourceEnum = (source: Source): SourceEnum => enumValue(source) as SourceEnum;

export const toVendorEnum = (vendor: VendorName): Vendor => enumValue(vendor) as Vendor;

export function fromSourceEnum(value: SourceEnum): Source {
  const source = SOURCES.find((s) => toSourceEnum(s) === value);
  if (!source) throw new Error(`No source for ${value}`);
  return source;
}
