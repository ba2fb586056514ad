/** The checked, PII-free form in which both adapters keep an appended event. */
import { UnifiedEventSchema, type UnifiedEvent } from '../../connectors/unified/event.js';
import { positionOf } from './timeline-position.js';
import type { TimelineEvent } from './timeline-store.js';

export interface PreparedEvent {
  position: string;
  event: TimelineEvent;
}

/**
 * Validates each event (a malformed one would corrupt ordering for everyone after it), drops the
 * identifiers, and collapses repeats within the batch to the first, as the store would.
 */
export function prepareEvents(events: readonly UnifiedEvent[]): PreparedEvent[] {
  const seen = new Set<string>();
  const prepared: PreparedEvent[] = [];
  for (const raw of events) {
    const { identities: _identities, ...event } = UnifiedEventSchema.parse(raw);
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    prepared.push({ position: positionOf(event), event });
  }
  return prepared;
}

export function retentionBound(max: number | undefined, fallback: number): number {
  const bound = max ?? fallback;
  if (!Number.isInteger(bound) || bound < 1) throw new Error(`maxEventsPerCustomer must be a positive whole number, got ${bound}`);
  return bound;
}
