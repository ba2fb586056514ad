/** The embedded-mode propagation store. Single-threaded JS makes each method atomic. */
import type { VendorName, WriteBackSubject } from '../../connectors/unified/contracts.js';
import { byVendorOrder, FINAL_STATES, type Propagation, type PropagationRequest, type PropagationStore, type VendorPropagation } from './propagation-store.js';

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export class MemoryPropagationStore implements PropagationStore {
  private readonly propagations = new Map<string, Propagation>();
  private readonly subjects = new Map<string, WriteBackSubject>();

  async begin(request: PropagationRequest, subject?: WriteBackSubject): Promise<void> {
    if (this.propagations.has(request.id)) return;
    this.propagations.set(request.id, { ...copy(request), dispatched: false, vendors: [] });
    if (subject) this.subjects.set(request.id, copy(subject));
  }

  async dispatch(id: string, vendors: readonly VendorName[], at: string): Promise<void> {
    const p = this.propagations.get(id);
    if (!p) return;
    for (const vendor of vendors) {
      if (!p.vendors.some((v) => v.vendor === vendor)) p.vendors.push({ vendor, state: 'pending', attempts: 0, updatedAt: at });
    }
    p.dispatched = true;
  }

  async update(id: string, progress: VendorPropagation): Promise<void> {
    const p = this.propagations.get(id);
    const index = p?.vendors.findIndex((v) => v.vendor === progress.vendor) ?? -1;
    if (!p || index < 0) return;
    if (progress.state === 'pending' && FINAL_STATES.has(p.vendors[index]!.state) && p.vendors[index]!.state !== 'failed') return;
    p.vendors[index] = copy(progress);
  }

  async get(id: string): Promise<Propagation | undefined> {
    const p = this.propagations.get(id);
    return p && { ...copy(p), vendors: copy(p.vendors).sort(byVendorOrder) };
  }

  async ofCustomer(customerId: string, limit: number): Promise<Propagation[]> {
    return [...this.propagations.values()]
      .filter((p) => p.kind === 'consent' && p.customerId === customerId)
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt) || b.id.localeCompare(a.id))
      .slice(0, limit)
      .map((p) => ({ ...copy(p), vendors: copy(p.vendors).sort(byVendorOrder) }));
  }

  async subjectOf(id: string): Promise<WriteBackSubject | undefined> {
    const subject = this.subjects.get(id);
    return subject && copy(subject);
  }

  async dropSubject(id: string): Promise<void> {
    this.subjects.delete(id);
  }

  async mergeInto(survivorId: string, absorbedId: string): Promise<void> {
    for (const p of this.propagations.values()) if (p.kind === 'consent' && p.customerId === absorbedId) p.customerId = survivorId;
  }

  async erase(customerId: string): Promise<void> {
    for (const [id, p] of this.propagations) if (p.kind === 'consent' && p.customerId === customerId) this.propagations.delete(id);
  }
}
