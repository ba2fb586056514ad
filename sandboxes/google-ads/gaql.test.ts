import { describe, expect, it } from 'vitest';
import { duringRange, resolveDateRange } from './gaql-dates.js';
import { type GaqlError, parseGaql } from './gaql.js';

const codeOf = (query: string) => {
  try {
    parseGaql(query);
  } catch (error) {
    return (error as GaqlError).queryError;
  }
  return 'parsed';
};

describe('GAQL parser', () => {
  it('reads SELECT, FROM, WHERE with every operator, ORDER BY and LIMIT', () => {
    const q = parseGaql(
      `SELECT campaign.id, metrics.impressions FROM campaign
       WHERE campaign.status IN ('ENABLED', PAUSED) AND metrics.impressions >= 10 AND campaign.name LIKE 'Brand%'
         AND segments.date BETWEEN '2026-09-01' AND '2026-09-30' AND campaign.id NOT IN (1, 2) AND campaign.name IS NOT NULL
       ORDER BY metrics.impressions DESC, campaign.id LIMIT 5`,
    );
    expect(q.fields).toEqual(['campaign.id', 'metrics.impressions']);
    expect(q.resource).toBe('campaign');
    expect(q.where).toEqual([
      { field: 'campaign.status', operator: 'IN', value: ['ENABLED', 'PAUSED'] },
      { field: 'metrics.impressions', operator: '>=', value: 10 },
      { field: 'campaign.name', operator: 'LIKE', value: 'Brand%' },
      { field: 'segments.date', operator: 'BETWEEN', value: ['2026-09-01', '2026-09-30'] },
      { field: 'campaign.id', operator: 'NOT IN', value: [1, 2] },
      { field: 'campaign.name', operator: 'IS NOT NULL', value: null },
    ]);
    expect(q.orderBy).toEqual([
      { field: 'metrics.impressions', direction: 'DESC' },
      { field: 'campaign.id', direction: 'ASC' },
    ]);
    expect(q.limit).toBe(5);
  });

  it("unescapes quotes inside strings (gclids and names are quoted with ')", () => {
    expect(parseGaql(`SELECT a.b FROM a WHERE a.b = 'O\\'Brien'`).where[0]!.value).toBe("O'Brien");
  });

  it.each([
    ['', 'EXPECTED_SELECT'],
    ['SELECT campaign.id', 'EXPECTED_FROM'],
    ['SELECT campaign.id FROM campaign ORDER campaign.id', 'EXPECTED_BY'],
    ["SELECT a.b FROM a WHERE a.b = 'open", 'STRING_NOT_TERMINATED'],
    ['SELECT a.b FROM a WHERE a.b ~ 1', 'BAD_SYMBOL'],
    ['SELECT a.b FROM a WHERE a.b CONTAINS 1', 'BAD_OPERATOR'],
    ['SELECT a.b FROM a WHERE a.b IN 1', 'EXPECTED_LIST'],
    ['SELECT a.b FROM a WHERE a.b IN ()', 'PROHIBITED_EMPTY_LIST_IN_CONDITION'],
    ["SELECT a.b FROM a WHERE segments.date BETWEEN '2026-01-01' '2026-01-02'", 'EXPECTED_AND'],
    ['SELECT a.b FROM a LIMIT 0', 'LIMIT_VALUE_TOO_LOW'],
    ['SELECT a.b FROM a LIMIT x', 'BAD_LIMIT_VALUE'],
    ['SELECT a.b FROM a WHERE', 'UNEXPECTED_END_OF_QUERY'],
    ['SELECT a.b FROM a a.c', 'UNEXPECTED_INPUT'],
  ])('refuses %j with %s', (query, code) => {
    expect(codeOf(query)).toBe(code);
  });

  it('refuses an IN list longer than Google allows', () => {
    const list = Array.from({ length: 20_001 }, (_, i) => `'g${i}'`).join(',');
    expect(codeOf(`SELECT a.b FROM a WHERE a.b IN (${list})`)).toBe('FILTER_HAS_TOO_MANY_VALUES');
  });
});

describe('GAQL date ranges', () => {
  const today = '2026-11-04'; // a Wednesday

  it('resolves DURING literals as Google defines them (LAST_N_DAYS ends yesterday)', () => {
    expect(duringRange('TODAY', today)).toEqual({ from: today, to: today });
    expect(duringRange('YESTERDAY', today)).toEqual({ from: '2026-11-03', to: '2026-11-03' });
    expect(duringRange('LAST_7_DAYS', today)).toEqual({ from: '2026-10-28', to: '2026-11-03' });
    expect(duringRange('LAST_30_DAYS', today)).toEqual({ from: '2026-10-05', to: '2026-11-03' });
    expect(duringRange('THIS_MONTH', today)).toEqual({ from: '2026-11-01', to: today });
    expect(duringRange('LAST_MONTH', today)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(duringRange('THIS_WEEK_MON_TODAY', today)).toEqual({ from: '2026-11-02', to: today });
    expect(duringRange('LAST_WEEK_MON_SUN', today)).toEqual({ from: '2026-10-26', to: '2026-11-01' });
    expect(duringRange('LAST_WEEK_SUN_SAT', today)).toEqual({ from: '2026-10-25', to: '2026-10-31' });
    expect(duringRange('LAST_BUSINESS_WEEK', today)).toEqual({ from: '2026-10-26', to: '2026-10-30' });
    expect(() => duringRange('LAST_9_DAYS', today)).toThrow(expect.objectContaining({ queryError: 'INVALID_VALUE_WITH_DURING_OPERATOR' }));
  });

  it('intersects every segments.date condition into one finite range', () => {
    const where = (conditions: string) => parseGaql(`SELECT a.b FROM a WHERE ${conditions}`).where;
    expect(resolveDateRange(where("segments.date >= '2026-09-01' AND segments.date < '2026-10-01'"), today)).toEqual({
      from: '2026-09-01',
      to: '2026-09-30',
    });
    expect(resolveDateRange(where("segments.date BETWEEN '2026-10-01' AND '2026-10-31' AND segments.date DURING LAST_7_DAYS"), today)).toEqual({
      from: '2026-10-28',
      to: '2026-10-31',
    });
    expect(resolveDateRange(where("segments.date >= '2026-09-01'"), today)).toBeUndefined();
    expect(() => resolveDateRange(where("segments.date >= '2026-09-01' AND segments.date DURING LAST_MONTH AND segments.date < '2026-10-01'"), today)).toThrow(
      expect.objectContaining({ queryError: 'DATE_RANGE_TOO_NARROW' }),
    );
    expect(() => resolveDateRange(where("segments.date = '2026-9-1'"), today)).toThrow(expect.objectContaining({ queryError: 'INVALID_DATE_FORMAT' }));
    expect(() => resolveDateRange(where("segments.date BETWEEN 'x' AND '2026-09-01'"), today)).toThrow(
      expect.objectContaining({ queryError: 'INVALID_VALUE_WITH_BETWEEN_OPERATOR' }),
    );
  });
});
