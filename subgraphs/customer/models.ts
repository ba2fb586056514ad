import type { EventDetails } from '../../connectors/unified/event.js';
import type { CustomerRecord } from '../../profile/store/identity-store.js';
import type { TimelineEvent } from '../../profile/timeline/timeline-store.js';

export type CustomerModel = CustomerRecord;

export type TimelineEventModel = TimelineEvent;

export type TimelineEventDetailsModel = EventDetails;
