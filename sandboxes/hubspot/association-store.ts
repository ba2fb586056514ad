/**
 * Associations between CRM records, stored in both directions as HubSpot keeps them: adding
 * contact→deal also makes deal→contact, each with its own HubSpot-defined type id.
 */
import { associationTypeId, OBJECT_TYPES, type ObjectType } from './object-types.js';

export interface AssociationTarget {
  toObjectId: string;
  typeId: number;
}

export class AssociationStore {
  /** `from:id>to` → associated ids. Arrays, not nested maps: a 100k-person portal holds ~500k of them. */
  private readonly links = new Map<string, string[]>();

  add(fromType: ObjectType, fromId: string, toType: ObjectType, toId: string): void {
    if (associationTypeId(fromType, toType) === undefined || associationTypeId(toType, fromType) === undefined) {
      throw new Error(`no HubSpot-defined association between ${fromType} and ${toType}`);
    }
    this.link(key(fromType, fromId, toType), toId);
    this.link(key(toType, toId, fromType), fromId);
  }

  /** The records of `toType` associated with one record, in id order. */
  list(fromType: ObjectType, fromId: string, toType: ObjectType): AssociationTarget[] {
    const targets = this.links.get(key(fromType, fromId, toType));
    if (!targets) return [];
    const typeId = associationTypeId(fromType, toType)!;
    return targets.map((toObjectId) => ({ toObjectId, typeId })).sort((a, b) => Number(a.toObjectId) - Number(b.toObjectId));
  }

  /** Drops every association of a deleted record, in both directions. */
  removeAll(type: ObjectType, id: string): void {
    for (const toType of OBJECT_TYPES) {
      const own = key(type, id, toType);
      for (const toId of this.links.get(own) ?? []) {
        const back = this.links.get(key(toType, toId, type));
        const at = back?.indexOf(id) ?? -1;
        if (at >= 0) back!.splice(at, 1);
      }
      this.links.delete(own);
    }
  }

  private link(k: string, id: string): void {
    const targets = this.links.get(k);
    if (!targets) this.links.set(k, [id]);
    else if (!targets.includes(id)) targets.push(id);
  }
}

const key = (fromType: ObjectType, id: string, toType: ObjectType) => `${fromType}:${id}>${toType}`;
