/**
 * Klaviyo's consent `method` / `method_detail` / `double_optin` in the hub's words
 * (`DOUBLE_OPT_IN`, `SINGLE_OPT_IN`, `PREFERENCE_PAGE`, `CHECKOUT`, `API`, `UNSUBSCRIBE_LINK`, ...).
 * Klaviyo's own words always travel along as evidence; an unknown method is kept verbatim.
 */
export function hubMethod(method: string | null | undefined, detail: string | null | undefined, doubleOptin?: boolean | null): string | undefined {
  if (doubleOptin === true) return 'DOUBLE_OPT_IN';
  switch (method) {
    case null:
    case undefined:
    case '':
      return undefined;
    case 'FORM':
      return 'SINGLE_OPT_IN';
    case 'EMAIL_UNSUBSCRIBE':
    case 'UNSUBSCRIBE_LINK':
      return 'UNSUBSCRIBE_LINK';
    case 'TEXT':
      // A keyword texted to the brand's number: JOIN to opt in, STOP to opt out.
      return detail ? `SMS_KEYWORD_${detail.toUpperCase()}` : 'SMS_KEYWORD';
    case 'SHOPIFY':
    case 'SHOPIFY_CHECKOUT':
      return 'CHECKOUT';
    default:
      return method;
  }
}
