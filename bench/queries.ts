/** The operations the bench sends: what a customer-360 screen and a list screen ask for. */
export const CUSTOMER_360 = `query Customer360($email: String!) {
  customer(email: $email) {
    id
    identities { kind value }
    hubspot { id email firstName lastName lifecycleStage leadStatus ownerId }
    shopify { id displayName numberOfOrders amountSpent { amount currencyCode } tags }
    klaviyo { id email phoneNumber timeZone }
    metaAds { leads { id formId createdTime } }
    googleAds { clicks { gclid campaignName date } }
  }
}`;

export const CUSTOMER_LIST = `query CustomerList($after: String) {
  customers(first: 50, after: $after) {
    edges { node {
      id
      hubspot { id lifecycleStage }
      shopify { id numberOfOrders amountSpent { amount currencyCode } }
      klaviyo { id }
      metaAds { leads { id } }
      googleAds { clicks { gclid } }
    } }
    pageInfo { endCursor hasNextPage }
  }
}`;

export const CUSTOMER_PAGE_CURSORS = `query Cursors($after: String) {
  customers(first: 50, after: $after) { pageInfo { endCursor hasNextPage } }
}`;
