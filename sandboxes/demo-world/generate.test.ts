import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from '../../connectors/unified/normalize.js';
import { generateWorld } from './generate.js';

describe('demo world', () => {
  it('is the same world for the same seed, and another for another seed', () => {
    expect(generateWorld({ seed: 7, people: 60 })).toEqual(generateWorld({ seed: 7, people: 60 }));
    expect(generateWorld({ seed: 8, people: 60 })).not.toEqual(generateWorld({ seed: 7, people: 60 }));
  });

  it('keeps a person the same when the world grows', () => {
    const small = generateWorld({ seed: 7, people: 10 });
    const large = generateWorld({ seed: 7, people: 1000 });
    expect(large.people.slice(0, 10)).toEqual(small.people);
  });

  it('spells shared identifiers differently per vendor, all normalizing to the person', () => {
    const world = generateWorld({ seed: 42, people: 300 });
    const spellings = new Set<string>();
    for (const person of world.people) {
      for (const email of [person.hubspot?.email, person.shopify?.email, person.klaviyo?.email]) {
        if (email === undefined) continue;
        spellings.add(email === person.email ? 'canonical' : email.trim() !== email ? 'spaces' : 'case');
        expect(normalizeEmail(email)).toBe(person.email);
      }
      if (person.hubspot?.phone) expect(normalizePhone(person.hubspot.phone)).toBe(person.phone);
    }
    expect(spellings).toEqual(new Set(['canonical', 'spaces', 'case']));
  });

  it('gives everyone at least one vendor, and gives some people several', () => {
    const world = generateWorld({ seed: 42, people: 200 });
    const vendorCount = (p: (typeof world.people)[number]) =>
      [p.hubspot, p.shopify, p.klaviyo, p.meta].filter(Boolean).length;
    expect(world.people.every((p) => vendorCount(p) >= 1)).toBe(true);
    expect(world.people.some((p) => vendorCount(p) === 1)).toBe(true);
    expect(world.people.some((p) => vendorCount(p) >= 3)).toBe(true);
  });

  it('generates 100,000 people with unique emails', () => {
    const world = generateWorld({ seed: 1, people: 100_000 });
    expect(new Set(world.people.map((p) => p.email)).size).toBe(100_000);
  }, 120_000); // a few seconds alone; generous for a loaded CI machine
});
