/**
 * The GraphQL the connector sends, one selection per payload schema in schemas.ts. Sizes are
 * parameters so that each caller can keep a query under Shopify's 1000-point limit
 * (query-cost.ts computes what a document will be charged).
 * @see https://shopify.dev/docs/api/admin-graphql/2026-10
 */
export const CUSTOMER_FIELDS = `
  id firstName lastName displayName state tags numberOfOrders
  amountSpent { amount currencyCode }
  defaultEmailAddress { emailAddress }
  defaultPhoneNumber { phoneNumber }
  emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt }
  smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt consentCollectedFrom }
  defaultAddress { address1 address2 city province provinceCode country countryCodeV2 zip }
  createdAt updatedAt`;

export const ORDER_SUMMARY_FIELDS = `
  id name createdAt processedAt displayFinancialStatus
  totalPriceSet { shopMoney { amount currencyCode } }
  subtotalLineItemsQuantity`;

export const ORDER_FIELDS = `${ORDER_SUMMARY_FIELDS}
  email updatedAt
  customer { id }
  customerJourneySummary { firstVisit { landingPage } }`;

const LINE_ITEM_FIELDS = 'title sku quantity originalUnitPriceSet { shopMoney { amount currencyCode } }';

export const checkoutFields = (lineItems: number) => `
  id name abandonedCheckoutUrl createdAt updatedAt completedAt
  customer { id defaultEmailAddress { emailAddress } }
  totalPriceSet { shopMoney { amount currencyCode } }
  lineItems(first: ${lineItems}) { nodes { ${LINE_ITEM_FIELDS} } }`;

export const CUSTOMERS_BY_ID = `query CustomersById($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Customer { ${CUSTOMER_FIELDS} } }
}`;

/** One page of a searchable connection (`customers`, `orders`, `abandonedCheckouts`). */
export const connectionPage = (name: string, root: string, sortKey: string, fields: string) => `query ${name}($first: Int!, $after: String, $query: String, $reverse: Boolean) {
  ${root}(first: $first, after: $after, query: $query, sortKey: ${sortKey}, reverse: $reverse) {
    nodes { ${fields} }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The first page of orders of many customers at once (newest first). */
export const CUSTOMER_ORDERS_BY_IDS = `query CustomerOrdersById($ids: [ID!]!, $first: Int!) {
  nodes(ids: $ids) {
    ... on Customer { id orders(first: $first, sortKey: PROCESSED_AT, reverse: true) { nodes { ${ORDER_SUMMARY_FIELDS} } pageInfo { hasNextPage endCursor } } }
  }
}`;

/** A later page of one customer's orders, after a cursor of that same connection. */
export const CUSTOMER_ORDERS_AFTER = `query CustomerOrdersAfter($id: ID!, $first: Int!, $after: String!) {
  customer(id: $id) { id orders(first: $first, after: $after, sortKey: PROCESSED_AT, reverse: true) { nodes { ${ORDER_SUMMARY_FIELDS} } pageInfo { hasNextPage endCursor } } }
}`;

/** The line items of many orders at once. */
export const ORDER_LINE_ITEMS_BY_IDS = `query OrderLineItemsById($ids: [ID!]!, $first: Int!) {
  nodes(ids: $ids) { ... on Order { id lineItems(first: $first) { nodes { ${LINE_ITEM_FIELDS} } pageInfo { hasNextPage endCursor } } } }
}`;

const USER_ERRORS = 'userErrors { field message code }';

export const EMAIL_CONSENT_UPDATE = `mutation EmailConsentUpdate($input: CustomerEmailMarketingConsentUpdateInput!) {
  customerEmailMarketingConsentUpdate(input: $input) {
    customer { id emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt } }
    ${USER_ERRORS}
  }
}`;

export const SMS_CONSENT_UPDATE = `mutation SmsConsentUpdate($input: CustomerSmsMarketingConsentUpdateInput!) {
  customerSmsMarketingConsentUpdate(input: $input) {
    customer { id smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt consentCollectedFrom } }
    ${USER_ERRORS}
  }
}`;

export const REQUEST_DATA_ERASURE = `mutation RequestDataErasure($customerId: ID!) {
  customerRequestDataErasure(customerId: $customerId) { customerId ${USER_ERRORS} }
}`;
