/**
 * The demo world: one population of people, and the slice of each person that each vendor holds.
 * Vendors see the same person under their own ids and their own spelling of the shared
 * identifiers (email case and spaces, phone formats), as in real data.
 */
export interface DemoWorld {
  seed: number;
  /** Wall-clock instant the world's history ends at; every generated event lies before it. */
  now: string;
  people: DemoPerson[];
  campaigns: DemoCampaigns;
}

export interface DemoPerson {
  index: number;
  firstName: string;
  lastName: string;
  /** Canonical identifiers (the truth); vendors hold spelled variants in their facets. */
  email: string;
  phone: string;
  timeZone: string;
  createdAt: string;
  /** What the person actually chose; each vendor reflects it in its own vocabulary (and may lag). */
  consent: DemoConsent;
  hubspot?: HubSpotFacet;
  shopify?: ShopifyFacet;
  klaviyo?: KlaviyoFacet;
  meta?: MetaFacet;
  googleAds?: GoogleAdsFacet;
}

export interface DemoConsent {
  email: 'SUBSCRIBED' | 'UNSUBSCRIBED' | 'NEVER_SUBSCRIBED';
  emailUpdatedAt: string;
  /** How the email choice was made, in the hub's words (`DOUBLE_OPT_IN`, `CHECKOUT`, `PREFERENCE_PAGE`, ...). */
  emailMethod: string;
  sms: 'SUBSCRIBED' | 'UNSUBSCRIBED' | 'NEVER_SUBSCRIBED';
  smsUpdatedAt: string;
  /** Consent to use the person's data for ads (Google's ad_user_data / ad_personalization). */
  ads: 'GRANTED' | 'DENIED' | 'UNKNOWN';
}

export interface HubSpotFacet {
  contactId: string;
  email: string;
  phone: string | undefined;
  lifecycleStage: 'subscriber' | 'lead' | 'marketingqualifiedlead' | 'salesqualifiedlead' | 'opportunity' | 'customer';
  leadStatus: 'NEW' | 'OPEN' | 'IN_PROGRESS' | 'CONNECTED' | 'UNQUALIFIED' | undefined;
  ownerId: string;
  /** HubSpot's own `hs_google_click_id` property: the gclid of the ad click that brought the contact. */
  googleClickId: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export interface ShopifyFacet {
  customerId: string;
  email: string;
  phone: string | undefined;
  tags: string[];
  orders: DemoOrder[];
  abandonedCheckouts: DemoCheckout[];
  createdAt: string;
  updatedAt: string;
}

export interface DemoOrder {
  id: string;
  name: string;
  createdAt: string;
  currencyCode: 'USD';
  lineItems: { sku: string; title: string; quantity: number; unitPrice: string }[];
  total: string;
  /** The storefront landing URL; carries the gclid when the visit came from a Google ad. */
  landingSite: string | undefined;
}

export interface DemoCheckout {
  id: string;
  token: string;
  createdAt: string;
  /** Set when the checkout was later completed (recovered). */
  completedAt: string | undefined;
  lineItems: DemoOrder['lineItems'];
  total: string;
  currencyCode: 'USD';
}

export interface KlaviyoFacet {
  profileId: string;
  email: string;
  phoneNumber: string | undefined;
  createdAt: string;
  updatedAt: string;
}

export interface MetaFacet {
  leads: DemoLead[];
}

export interface DemoLead {
  leadId: string;
  formId: string;
  adId: string;
  adsetId: string;
  campaignId: string;
  createdTime: string;
  email: string;
  phone: string | undefined;
  fullName: string;
}

export interface GoogleAdsFacet {
  clicks: DemoClick[];
}

export interface DemoClick {
  gclid: string;
  campaignId: string;
  adGroupId: string;
  clickedAt: string;
}

export interface DemoCampaigns {
  meta: { campaignId: string; adsetId: string; adId: string; formId: string; name: string }[];
  google: { campaignId: string; adGroupId: string; name: string; channel: 'SEARCH' | 'DISPLAY' | 'VIDEO' }[];
}
