import type { KlaviyoProfile } from '../../connectors/klaviyo/schemas.js';

export type KlaviyoProfileModel = KlaviyoProfile;
