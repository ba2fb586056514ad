import { describe, expect, it } from 'vitest';
import { type ConfigError } from './config-error.js';
import { loadConfig } from './env.js';

const DAY = 86_400_000;

describe('frequency settings from the environment', () => {
  it('defaults to 3 marketing touches a day, 1 SMS a day, 5 emails a week, quiet 21:00-08:00 in UTC, 15-minute reservations', () => {
    const { frequency } = loadConfig({});
    expect(frequency).toEqual({
      policies: [
        { name: 'marketing-24h', channels: ['EMAIL', 'SMS', 'PUSH'], limit: 3, windowMs: DAY },
        { name: 'sms-24h', channels: ['SMS'], limit: 1, windowMs: DAY },
        { name: 'email-7d', channels: ['EMAIL'], limit: 5, windowMs: 7 * DAY },
      ],
      quietHours: { startMinute: 21 * 60, endMinute: 8 * 60, channels: ['SMS', 'PUSH', 'EMAIL'] },
      defaultTimeZone: 'UTC',
      reservationTtlMs: 900_000,
      retentionMs: 30 * DAY,
    });
  });

  it('reads policies as JSON, quiet hours, their channels and the default zone', () => {
    const { frequency } = loadConfig({
      FREQUENCY_POLICIES: JSON.stringify([{ name: 'paid-90d', channels: ['PAID_SOCIAL', 'PAID_SEARCH'], limit: 40, window: '90d' }]),
      FREQUENCY_QUIET_HOURS: '22:30-07:00',
      FREQUENCY_QUIET_HOURS_CHANNELS: 'SMS',
      FREQUENCY_DEFAULT_TIME_ZONE: 'Europe/Berlin',
      FREQUENCY_RESERVATION_TTL_SECONDS: '60',
    });
    expect(frequency.policies).toEqual([{ name: 'paid-90d', channels: ['PAID_SOCIAL', 'PAID_SEARCH'], limit: 40, windowMs: 90 * DAY }]);
    expect(frequency.quietHours).toEqual({ startMinute: 22 * 60 + 30, endMinute: 7 * 60, channels: ['SMS'] });
    expect(frequency.defaultTimeZone).toBe('Europe/Berlin');
    expect(frequency.reservationTtlMs).toBe(60_000);
    expect(frequency.retentionMs).toBe(90 * DAY);
    expect(loadConfig({ FREQUENCY_QUIET_HOURS: 'off' }).frequency.quietHours).toBeUndefined();
  });

  it('lists every problem at start-up', () => {
    const problems = (() => {
      try {
        loadConfig({
          FREQUENCY_POLICIES: JSON.stringify([{ name: 'x', channels: ['FAX'], limit: -1, window: 'soon' }]),
          FREQUENCY_QUIET_HOURS: '25:00-08:00',
          FREQUENCY_DEFAULT_TIME_ZONE: 'Mars/Olympus_Mons',
        });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems.some((p) => p.startsWith('FREQUENCY_POLICIES.0.channels.0'))).toBe(true);
    expect(problems.some((p) => p.startsWith('FREQUENCY_POLICIES.0.limit'))).toBe(true);
    expect(problems.some((p) => p.startsWith('FREQUENCY_POLICIES.0.window'))).toBe(true);
    expect(problems.some((p) => p.startsWith('FREQUENCY_QUIET_HOURS:'))).toBe(true);
    expect(problems.some((p) => p.startsWith('FREQUENCY_DEFAULT_TIME_ZONE'))).toBe(true);
    expect(() => loadConfig({ FREQUENCY_POLICIES: '[{' })).toThrow(/FREQUENCY_POLICIES: not valid JSON/);
    const twice = JSON.stringify([{ name: 'a', channels: ['SMS', 'SMS'], limit: 1, window: '1d' }, { name: 'a', channels: ['SMS'], limit: 1, window: '1d' }]);
    expect(() => loadConfig({ FREQUENCY_POLICIES: twice })).toThrow(/a channel may appear once per policy[\s\S]*policy names must be unique/);
  });
});
