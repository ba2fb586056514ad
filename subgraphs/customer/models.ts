import type { EventDetails } from '../../connectors/unified/event.js';
import type { ConsentRecord } from '../../connectors/unified/consent.js';
import type { ConsentState } from '../../profile/consent/derive-consent.js';
import type { Propagation, VendorPropagation } from '../../profile/consent/propagation-store.js';
import type { CustomerRecord, IdentityConflict, MergeRecord } from '../../profile/store/identity-store.js';
import type { TimelineEvent } from '../../profile/timeline/timeline-store.js';

export type CustomerModel = CustomerRecord;
export type IdentityMergeModel = MergeRecord;
export type IdentityConflictModel = IdentityConflict;
export type TimelineEventModel = TimelineEvent;
export type TimelineEventDetailsModel = EventDetails;
export type ConsentStateModel = ConsentState;
export type ConsentRecordModel = ConsentRecord;
export type PropagationModel = Propagation;
export type VendorPropagationModel = VendorPropagation;
