/**
 * Money as Shopify's Admin GraphQL serializes it: `Decimal` is a string without trailing zeros
 * but with at least one decimal (`"147.0"`, `"19.99"`), and a `MoneyBag` carries the shop and
 * presentment currencies (the same here: the demo store sells in USD only).
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10/scalars/Decimal
 */
export function decimal(amount: string | number): string {
  const text = String(Number(amount));
  return text.includes('.') ? text : `${text}.0`;
}

export const moneyV2 = (amount: string | number, currencyCode = 'USD') => ({ amount: decimal(amount), currencyCode });

export const moneyBag = (amount: string | number, currencyCode = 'USD') => ({
  shopMoney: moneyV2(amount, currencyCode),
  presentmentMoney: moneyV2(amount, currencyCode),
});
