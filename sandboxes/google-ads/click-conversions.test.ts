/**
 * uploadClickConversions over HTTP: partial failure (failed rows come back empty and are
 * described with field paths), the date-time format, Google's limits and duplicate rules, and
 * uploaded conversions showing in the campaign's metrics.
 */
import { describe, expect, it } from 'vitest';
import { firstError, googleAdsFixture } from './test-fixture.js';

function fixtureWithClick() {
  const fixture = googleAdsFixture();
  const click = [...fixture.state.clicksByGclid.values()].find((c) => c.date >= '2026-09-01')!;
  const action = `customers/1234567890/conversionActions/${fixture.state.conversionActions[0]!.id}`;
  return { ...fixture, click, action };
}

/** `yyyy-mm-dd hh:mm:ss+00:00`, `hours` after the click. */
const after = (clickedAt: string, hours: number) => new Date(Date.parse(clickedAt) + hours * 3_600_000).toISOString().replace('T', ' ').slice(0, 19) + '+00:00';

describe('uploadClickConversions', () => {
  it('lands the good rows and reports the failed ones in partialFailureError, each failed row an empty result', async () => {
    const { post, click, action, search } = fixtureWithClick();
    const good = { gclid: click.gclid, conversionAction: action, conversionDateTime: after(click.clickedAt, 2), conversionValue: 42.5, currencyCode: 'USD', orderId: 'A-1001' };
    const { status, body } = await post(':uploadClickConversions', {
      partialFailure: true,
      conversions: [
        good,
        { ...good, orderId: 'A-1002', conversionDateTime: '2026-09-01T12:00:00Z' },
        { ...good, orderId: 'A-1003', gclid: 'not a gclid' },
        { ...good, orderId: 'A-1004', conversionDateTime: after(click.clickedAt, -1) },
      ],
    });
    expect(status).toBe(200);
    expect(body.results).toEqual([{ gclid: click.gclid, conversionAction: action, conversionDateTime: good.conversionDateTime }, {}, {}, {}]);
    expect(body.jobId).toMatch(/^\d+$/);
    const errors = body.partialFailureError.details[0].errors;
    expect(errors.map((e: { errorCode: unknown; location: { fieldPathElements: unknown[] } }) => [e.errorCode, e.location.fieldPathElements])).toEqual([
      [{ dateError: 'INVALID_STRING_DATE_TIME_SECONDS_WITH_OFFSET' }, [{ fieldName: 'conversions', index: 1 }, { fieldName: 'conversion_date_time' }]],
      [{ conversionUploadError: 'UNPARSEABLE_GCLID' }, [{ fieldName: 'conversions', index: 2 }, { fieldName: 'gclid' }]],
      [{ conversionUploadError: 'CONVERSION_PRECEDES_EVENT' }, [{ fieldName: 'conversions', index: 3 }, { fieldName: 'conversion_date_time' }]],
    ]);

    // The landed conversion counts on its click's day in the campaign's metrics.
    const metrics = (date: string) => search(`SELECT campaign.id, metrics.conversions FROM campaign WHERE campaign.id = ${click.campaignId} AND segments.date = '${date}'`);
    const counted = (await metrics(click.date)).body.results[0].metrics.conversions;
    const fresh = fixtureWithClick();
    const baseline = (await fresh.search(`SELECT campaign.id, metrics.conversions FROM campaign WHERE campaign.id = ${click.campaignId} AND segments.date = '${click.date}'`)).body.results[0].metrics
      .conversions;
    expect(counted).toBe(baseline + 1);
  });

  it('is atomic without partialFailure: one bad row fails the request and nothing lands', async () => {
    const { post, click, action, state } = fixtureWithClick();
    const { status, body } = await post(':uploadClickConversions', {
      conversions: [
        { gclid: click.gclid, conversionAction: action, conversionDateTime: after(click.clickedAt, 1) },
        { gclid: click.gclid, conversionAction: 'customers/1234567890/conversionActions/1', conversionDateTime: after(click.clickedAt, 1) },
      ],
    });
    expect(status).toBe(400);
    expect(firstError(body).errorCode).toEqual({ conversionUploadError: 'NO_CONVERSION_ACTION_FOUND' });
    expect(state.conversions).toHaveLength(0);
  });

  it('refuses duplicates within a request and across requests, and reused order ids', async () => {
    const { post, click, action } = fixtureWithClick();
    const row = { gclid: click.gclid, conversionAction: action, conversionDateTime: after(click.clickedAt, 3), orderId: 'B-1' };
    const first = await post(':uploadClickConversions', { partialFailure: true, conversions: [row, { ...row, orderId: 'B-2' }] });
    expect(firstError({ error: first.body.partialFailureError }).errorCode).toEqual({ conversionUploadError: 'DUPLICATE_CLICK_CONVERSION_IN_REQUEST' });
    const again = await post(':uploadClickConversions', { partialFailure: true, conversions: [{ ...row, orderId: 'B-3' }, { ...row, conversionDateTime: after(click.clickedAt, 4) }] });
    expect(again.body.partialFailureError.details[0].errors.map((e: { errorCode: unknown }) => e.errorCode)).toEqual([
      { conversionUploadError: 'CLICK_CONVERSION_ALREADY_EXISTS' },
      { conversionUploadError: 'ORDER_ID_ALREADY_IN_USE' },
    ]);
  });

  it('refuses more than 2,000 conversions in one request', async () => {
    const { post, click, action } = fixtureWithClick();
    const conversions = Array.from({ length: 2_001 }, (_, i) => ({ gclid: click.gclid, conversionAction: action, conversionDateTime: after(click.clickedAt, 1 + i / 3600) }));
    const { status, body } = await post(':uploadClickConversions', { partialFailure: true, conversions });
    expect(status).toBe(400);
    expect(firstError(body).errorCode).toEqual({ conversionUploadError: 'TOO_MANY_CONVERSIONS_IN_REQUEST' });
  });

  it('refuses clicks it does not know, clicks under 6 hours old, and conversions past the 90-day window', async () => {
    const { post, click, action, sandbox } = fixtureWithClick();
    const fresh = await sandbox.app.inject({ method: 'POST', url: '/__sandbox/actions/click', payload: { gclid: 'Cj0KCQfreshclick0000000000', clickedAt: '2026-10-31T22:00:00Z' } });
    expect(fresh.statusCode).toBe(201);
    const { body } = await post(':uploadClickConversions', {
      partialFailure: true,
      conversions: [
        { gclid: 'Cj0KCQunknownclick000000000', conversionAction: action, conversionDateTime: after(click.clickedAt, 1) },
        { gclid: 'Cj0KCQfreshclick0000000000', conversionAction: action, conversionDateTime: '2026-10-31 23:00:00+00:00' },
        { gclid: click.gclid, conversionAction: action, conversionDateTime: after(click.clickedAt, 24 * 91) },
      ],
    });
    expect(body.partialFailureError.details[0].errors.map((e: { errorCode: unknown }) => e.errorCode)).toEqual([
      { conversionUploadError: 'EVENT_NOT_FOUND' },
      { conversionUploadError: 'TOO_RECENT_EVENT' },
      { conversionUploadError: 'EXPIRED_EVENT' },
    ]);
  });
});
