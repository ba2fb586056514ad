import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, metaSandbox } from './test-helpers.js';

const sha = (value: string) => createHash('sha256').update(value).digest('hex');
const EMAIL_A = sha('a@example.com');
const EMAIL_B = sha('b@example.com');
const PHONE_A = sha('16505551212');

async function withAudience(options: Parameters<typeof metaSandbox>[0] = {}) {
  const meta = metaSandbox(options);
  const created = await meta.graph('POST', `/${ACCOUNT}/customaudiences`, {
    name: 'Hub: cart abandoners',
    subtype: 'CUSTOM',
    customer_file_source: 'USER_PROVIDED_ONLY',
    description: 'People who left a cart',
  });
  expect(created.status).toBe(200);
  const members = async () => (await meta.sandbox.app.inject({ url: `/__sandbox/meta/audiences/${created.body.id}/members` })).json().members;
  return { ...meta, audienceId: created.body.id as string, members };
}

describe('Meta sandbox: custom audiences', () => {
  it('creates a customer-file audience under the ad account and lists and reads it', async () => {
    const { graph, audienceId } = await withAudience();
    expect(audienceId).toMatch(/^\d{17}$/);
    const list = await graph('GET', `/${ACCOUNT}/customaudiences`, { fields: 'id,name,customer_file_source' });
    expect(list.body.data).toEqual([{ id: audienceId, name: 'Hub: cart abandoners', customer_file_source: 'USER_PROVIDED_ONLY' }]);
    const read = await graph('GET', `/${audienceId}`, { fields: 'name,subtype,operation_status,approximate_count_lower_bound' });
    expect(read.body).toEqual({
      id: audienceId,
      name: 'Hub: cart abandoners',
      subtype: 'CUSTOM',
      operation_status: { code: 200, description: 'Normal' },
      approximate_count_lower_bound: 0,
    });
  });

  it('refuses to create an audience without a name or a valid customer_file_source', async () => {
    const { graph } = metaSandbox();
    const noName = await graph('POST', `/${ACCOUNT}/customaudiences`, { customer_file_source: 'USER_PROVIDED_ONLY' });
    expect(noName.status).toBe(400);
    expect(noName.body.error).toMatchObject({ code: 100, type: 'OAuthException' });
    const badSource = await graph('POST', `/${ACCOUNT}/customaudiences`, { name: 'x', customer_file_source: 'SCRAPED' });
    expect(badSource.body.error.message).toMatch(/customer_file_source/);
    expect((await graph('GET', `/${ACCOUNT}/customaudiences`)).body.data).toEqual([]);
    const elsewhere = await graph('POST', '/act_999/customaudiences', { name: 'x', customer_file_source: 'USER_PROVIDED_ONLY' });
    expect(elsewhere.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('adds multi-key rows, counting and sampling the rows whose hashes are malformed', async () => {
    const { graph, audienceId, members } = await withAudience();
    const response = await graph('POST', `/${audienceId}/users`, {
      payload: { schema: ['EMAIL', 'PHONE'], data: [[EMAIL_A, PHONE_A], [EMAIL_B, ''], ['a@example.com', ''], [EMAIL_B.toUpperCase(), ''], ['', '']] },
      session: { session_id: 9778993, batch_seq: 1, last_batch_flag: true, estimated_num_total: 5 },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      audience_id: audienceId,
      session_id: '9778993',
      num_received: 5,
      num_invalid_entries: 3,
      invalid_entry_samples: {
        'a@example.com': 'EMAIL is not a SHA-256 hash (64 lower-case hex characters)',
        [EMAIL_B.toUpperCase()]: 'EMAIL is not a SHA-256 hash (64 lower-case hex characters)',
        '["",""]': 'Row has no identifier',
      },
    });
    expect(await members()).toEqual([{ EMAIL: EMAIL_A, PHONE: PHONE_A }, { EMAIL: EMAIL_B }]);
  });

  it('takes the single-key shorthand, and rows that match a member on any key merge into it', async () => {
    const { graph, audienceId, members } = await withAudience();
    await graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data: [EMAIL_A] } });
    await graph('POST', `/${audienceId}/users`, { payload: { schema: ['EMAIL', 'PHONE'], data: [[EMAIL_A, PHONE_A]] } });
    const phones = await graph('POST', `/${audienceId}/users`, { payload: { schema: 'PHONE_SHA256', data: [PHONE_A, 'not-a-hash'] } });
    expect(phones.body).toMatchObject({ num_received: 2, num_invalid_entries: 1 });
    expect(await members()).toEqual([{ EMAIL: EMAIL_A, PHONE: PHONE_A }]);
  });

  it('removes a person matched on any key with DELETE /users', async () => {
    const { graph, audienceId, members } = await withAudience();
    await graph('POST', `/${audienceId}/users`, { payload: { schema: ['EMAIL', 'PHONE'], data: [[EMAIL_A, PHONE_A], [EMAIL_B, '']] } });
    const removed = await graph('DELETE', `/${audienceId}/users`, { payload: { schema: 'PHONE_SHA256', data: [PHONE_A] } });
    expect(removed.body).toMatchObject({ audience_id: audienceId, num_received: 1, num_invalid_entries: 0 });
    expect(await members()).toEqual([{ EMAIL: EMAIL_B }]);
  });

  it('refuses a malformed payload or more than 10,000 rows as a whole, changing nothing', async () => {
    const { graph, audienceId, members } = await withAudience();
    const tooMany = await graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data: Array.from({ length: 10_001 }, () => EMAIL_A) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 100 });
    expect(tooMany.body.error.message).toMatch(/10000/);
    const exactly = await graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data: Array.from({ length: 10_000 }, (_, i) => sha(`p${i}@example.com`)) } });
    expect(exactly.body.num_received).toBe(10_000);
    for (const payload of [{ schema: ['EMAIL', 'SSN'], data: [[EMAIL_A, '1']] }, { schema: ['EMAIL'], data: [] }, 'not json', undefined]) {
      const bad = await graph('POST', `/${audienceId}/users`, payload === undefined ? {} : { payload });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe(100);
    }
    expect(await members()).toHaveLength(10_000);
  });

  it('applies each batch of a session once, and nothing after its last batch', async () => {
    const { graph, audienceId, members } = await withAudience();
    const batch = (seq: number, data: string[], last: boolean) =>
      graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data }, session: { session_id: 42, batch_seq: seq, last_batch_flag: last } });
    await batch(1, [EMAIL_A], false);
    const retried = await batch(1, [EMAIL_A], false);
    expect(retried.body).toMatchObject({ session_id: '42', num_received: 1 });
    await batch(2, [EMAIL_B], true);
    const late = await batch(3, [sha('late@example.com')], false);
    expect(late.status).toBe(400);
    expect(late.body.error.message).toMatch(/last batch/);
    expect(await members()).toEqual([{ EMAIL: EMAIL_A }, { EMAIL: EMAIL_B }]);
    const badSession = await graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data: [EMAIL_A] }, session: { session_id: 'abc', batch_seq: 0 } });
    expect(badSession.body.error.message).toMatch(/session/);
  });

  it('replaces the whole membership at the last batch of a usersreplace session, blocking add/remove meanwhile', async () => {
    const { graph, audienceId, members } = await withAudience();
    await graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data: [EMAIL_A, EMAIL_B] } });
    const noSession = await graph('POST', `/${audienceId}/usersreplace`, { payload: { schema: 'EMAIL_SHA256', data: [EMAIL_A] } });
    expect(noSession.body.error.message).toMatch(/session is required/);
    const replace = (seq: number, data: string[], last: boolean) =>
      graph('POST', `/${audienceId}/usersreplace`, { payload: { schema: 'EMAIL_SHA256', data }, session: { session_id: 7, batch_seq: seq, last_batch_flag: last } });
    expect((await replace(1, [EMAIL_B], false)).status).toBe(200);
    // Until the replace finishes, the audience keeps its members and refuses other uploads.
    expect(await members()).toEqual([{ EMAIL: EMAIL_A }, { EMAIL: EMAIL_B }]);
    const blocked = await graph('DELETE', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data: [EMAIL_A] } });
    expect(blocked.body.error.message).toMatch(/being replaced/);
    await replace(2, [PHONE_A.replace(/./, 'c')], true);
    expect(await members()).toEqual([{ EMAIL: EMAIL_B }, { EMAIL: PHONE_A.replace(/./, 'c') }]);
  });

  it('drops a replace session that does not finish within 90 minutes', async () => {
    const clock = { now: Date.parse('2026-11-01T12:00:00Z') };
    const { graph, audienceId, members } = await withAudience({ clock });
    await graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data: [EMAIL_A] } });
    const replace = (seq: number, last: boolean) =>
      graph('POST', `/${audienceId}/usersreplace`, { payload: { schema: 'EMAIL_SHA256', data: [EMAIL_B] }, session: { session_id: 8, batch_seq: seq, last_batch_flag: last } });
    await replace(1, false);
    clock.now += 91 * 60_000;
    const late = await replace(2, true);
    expect(late.body.error.message).toMatch(/expired/);
    expect(await members()).toEqual([{ EMAIL: EMAIL_A }]);
    // The audience takes uploads again.
    expect((await graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data: [EMAIL_B] } })).status).toBe(200);
  });

  it('blocks membership changes of an audience flagged with operation_status 471', async () => {
    const { sandbox, graph, audienceId } = await withAudience();
    await sandbox.app.inject({ method: 'PUT', url: `/__sandbox/meta/audiences/${audienceId}/operation-status`, payload: { code: 471 } });
    const blocked = await graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data: [EMAIL_A] } });
    expect(blocked.body.error).toMatchObject({ code: 100, error_subcode: 1713230, error_user_title: 'Audience Upload Blocked' });
  });

  it('estimates the matched size from the demo world’s people', async () => {
    const { graph, audienceId, world } = await withAudience();
    const people = world.people.slice(0, 10).map((p) => sha(p.email));
    await graph('POST', `/${audienceId}/users`, { payload: { schema: 'EMAIL_SHA256', data: [...people, EMAIL_A] } });
    const read = await graph('GET', `/${audienceId}`, { fields: 'approximate_count_lower_bound,approximate_count_upper_bound' });
    expect(read.body).toMatchObject({ approximate_count_lower_bound: 9, approximate_count_upper_bound: 11 });
  });
});
