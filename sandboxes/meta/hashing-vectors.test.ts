/**
 * Meta's two published hashing vectors (vendors.md, Meta "Normalisation and hashing": "Use the two
 * test vectors above in emulator unit tests"), sent to the Meta sandbox over HTTP as a customer-file
 * upload. The sandbox takes the correctly normalized and hashed values and matches them to the
 * person they name; raw values and malformed hashes are invalid entries, reported in Meta's
 * `num_invalid_entries` / `invalid_entry_samples`. A hash of a wrongly normalized value is a
 * well-formed SHA-256 that Meta cannot tell apart on receipt: it is taken, and matches nobody.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { generateWorld } from '../demo-world/generate.js';
import type { DemoWorld } from '../demo-world/world.js';
import { startMetaSandbox } from '../../test/support/meta-sandbox.js';

const EMAIL_VECTOR = { raw: 'John_Smith@gmail.com', hash: '62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f' };
const PHONE_VECTOR = { raw: '(650)555-1212', hash: 'e323ec626319ca94ee8bff2e4c87cf613be6ea19919ed1364124e16807ab3176' };
const sha = (value: string) => createHash('sha256').update(value).digest('hex');
const NOT_A_HASH = (key: string) => `${key} is not a SHA-256 hash (64 lower-case hex characters)`;

/** The demo world with its first person being the vectors' John Smith, so a match can be observed. */
function worldWithJohnSmith(): DemoWorld {
  const world = generateWorld({ seed: 42, people: 40 });
  const [first, ...rest] = world.people;
  return { ...world, people: [{ ...first!, email: EMAIL_VECTOR.raw, phone: '+16505551212' }, ...rest] };
}

let close: (() => Promise<unknown>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function metaOverHttp() {
  const meta = await startMetaSandbox({ world: worldWithJohnSmith() });
  close = meta.close;
  const graph = async (method: 'GET' | 'POST', path: string, params: Record<string, unknown> = {}) => {
    const form = new URLSearchParams({ access_token: meta.connection.credential });
    for (const [key, value] of Object.entries(params)) form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    const response =
      method === 'GET'
        ? await fetch(`${meta.url}/v26.0${path}?${form}`)
        : await fetch(`${meta.url}/v26.0${path}`, {
            method,
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: form.toString(),
          });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests walk Graph JSON freely
    return { status: response.status, body: (await response.json()) as any };
  };
  const newAudience = async () => {
    const created = await graph('POST', `/${meta.connection.adAccountId}/customaudiences`, {
      name: 'Hashing vectors',
      subtype: 'CUSTOM',
      customer_file_source: 'USER_PROVIDED_ONLY',
    });
    expect(created.status).toBe(200);
    return created.body.id as string;
  };
  const matchEstimate = async (audienceId: string) =>
    (await graph('GET', `/${audienceId}`, { fields: 'approximate_count_lower_bound,approximate_count_upper_bound' })).body;
  return { graph, newAudience, matchEstimate };
}

describe('Meta sandbox: the published hashing vectors over HTTP', () => {
  it('takes the correctly normalized and hashed email and phone vectors and matches the person they name', async () => {
    const { graph, newAudience, matchEstimate } = await metaOverHttp();
    const audienceId = await newAudience();
    const upload = await graph('POST', `/${audienceId}/users`, {
      payload: { schema: ['EMAIL', 'PHONE'], data: [[EMAIL_VECTOR.hash, PHONE_VECTOR.hash]] },
    });
    expect(upload.status).toBe(200);
    expect(upload.body).toMatchObject({ audience_id: audienceId, num_received: 1, num_invalid_entries: 0, invalid_entry_samples: {} });
    // One person matched: Meta reports a range around it, never the exact count.
    expect(await matchEstimate(audienceId)).toMatchObject({ approximate_count_lower_bound: 0, approximate_count_upper_bound: 2 });

    const shorthand = await graph('POST', `/${audienceId}/users`, { payload: { schema: 'PHONE_SHA256', data: [PHONE_VECTOR.hash] } });
    expect(shorthand.body).toMatchObject({ num_received: 1, num_invalid_entries: 0 });
  });

  it('refuses the unhashed vectors and hashes not in lower-case hex as invalid entries, naming each', async () => {
    const { graph, newAudience, matchEstimate } = await metaOverHttp();
    const audienceId = await newAudience();
    const upload = await graph('POST', `/${audienceId}/users`, {
      payload: {
        schema: ['EMAIL', 'PHONE'],
        data: [
          [EMAIL_VECTOR.raw, ''],
          ['', PHONE_VECTOR.raw],
          ['', '16505551212'],
          [EMAIL_VECTOR.hash.toUpperCase(), ''],
        ],
      },
    });
    expect(upload.status).toBe(200);
    expect(upload.body).toMatchObject({
      num_received: 4,
      num_invalid_entries: 4,
      invalid_entry_samples: {
        [EMAIL_VECTOR.raw]: NOT_A_HASH('EMAIL'),
        [PHONE_VECTOR.raw]: NOT_A_HASH('PHONE'),
        '16505551212': NOT_A_HASH('PHONE'),
        [EMAIL_VECTOR.hash.toUpperCase()]: NOT_A_HASH('EMAIL'),
      },
    });
    expect(await matchEstimate(audienceId)).toMatchObject({ approximate_count_lower_bound: 0, approximate_count_upper_bound: 0 });
  });

  it('matches nobody with hashes of wrongly normalized vectors (case kept, phone with symbols or +)', async () => {
    const { graph, newAudience, matchEstimate } = await metaOverHttp();
    const audienceId = await newAudience();
    const wrong = [
      [sha(EMAIL_VECTOR.raw), ''], // not lower-cased
      [sha(` ${EMAIL_VECTOR.raw.toLowerCase()} `), ''], // not trimmed
      ['', sha(PHONE_VECTOR.raw)], // symbols kept
      ['', sha('+16505551212')], // the + kept
      ['', sha('6505551212')], // no country code
    ];
    const upload = await graph('POST', `/${audienceId}/users`, { payload: { schema: ['EMAIL', 'PHONE'], data: wrong } });
    // Well-formed hashes are taken as Meta takes them; none of them is the person's.
    expect(upload.body).toMatchObject({ num_received: 5, num_invalid_entries: 0 });
    expect(wrong.flat()).not.toContain(EMAIL_VECTOR.hash);
    expect(wrong.flat()).not.toContain(PHONE_VECTOR.hash);
    expect(await matchEstimate(audienceId)).toMatchObject({ approximate_count_lower_bound: 0, approximate_count_upper_bound: 0 });
  });

  it('refuses a payload that is not Meta’s schema with its code 100 error, and changes nothing', async () => {
    const { graph, newAudience, matchEstimate } = await metaOverHttp();
    const audienceId = await newAudience();
    const refused = await graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_PLAIN', data: [EMAIL_VECTOR.raw] } });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 100, type: 'OAuthException', message: '(#100) Invalid schema: EMAIL_PLAIN' });
    expect(await matchEstimate(audienceId)).toMatchObject({ approximate_count_upper_bound: 0 });
  });
});
