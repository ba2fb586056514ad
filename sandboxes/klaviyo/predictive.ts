/**
 * Klaviyo's predictive analytics for a profile (`additional-fields[profile]=predictive_analytics`),
 * computed from the person's Shopify orders (the historic half) and seeded draws (the predicted
 * half). Klaviyo leaves predictions null until a profile has ordered.
 * @see https://help.klaviyo.com/hc/en-us/articles/360020919731
 */
import type { Random } from '../demo-world/random.js';
import type { DemoOrder } from '../demo-world/world.js';
import { klaviyoTime } from './format.js';

export interface PredictiveAnalytics {
  historic_clv: number | null;
  predicted_clv: number | null;
  total_clv: number | null;
  historic_number_of_orders: number | null;
  predicted_number_of_orders: number | null;
  average_days_between_orders: number | null;
  average_order_value: number | null;
  churn_probability: number | null;
  expected_date_of_next_order: string | null;
  ranked_channel_affinity: ('email' | 'sms' | 'push')[] | null;
}

const DAY_MS = 86_400_000;
const round2 = (n: number) => Math.round(n * 100) / 100;

export function predictiveAnalytics(orders: readonly DemoOrder[], random: Random): PredictiveAnalytics {
  const affinity = random.chance(0.5) ? (['email', 'sms', 'push'] as const) : (['sms', 'email', 'push'] as const);
  if (orders.length === 0) {
    return {
      historic_clv: 0,
      predicted_clv: null,
      total_clv: null,
      historic_number_of_orders: 0,
      predicted_number_of_orders: null,
      average_days_between_orders: null,
      average_order_value: null,
      churn_probability: null,
      expected_date_of_next_order: null,
      ranked_channel_affinity: [...affinity],
    };
  }
  const historic = round2(orders.reduce((sum, o) => sum + Number(o.total), 0));
  const times = orders.map((o) => Date.parse(o.createdAt)).sort((a, b) => a - b);
  const gaps = times.slice(1).map((t, i) => (t - times[i]!) / DAY_MS);
  const averageGap = gaps.length > 0 ? Math.round(gaps.reduce((a, b) => a + b, 0) / gaps.length) : null;
  const predictedOrders = round2(random.next() * 2.5);
  const averageOrder = round2(historic / orders.length);
  const predicted = round2(predictedOrders * averageOrder);
  return {
    historic_clv: historic,
    predicted_clv: predicted,
    total_clv: round2(historic + predicted),
    historic_number_of_orders: orders.length,
    predicted_number_of_orders: predictedOrders,
    average_days_between_orders: averageGap,
    average_order_value: averageOrder,
    churn_probability: round2(random.next()),
    // Calculated at the most recent order, as Klaviyo does.
    expected_date_of_next_order: averageGap === null ? null : klaviyoTime(times[times.length - 1]! + averageGap * DAY_MS),
    ranked_channel_affinity: [...affinity],
  };
}
