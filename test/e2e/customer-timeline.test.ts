import { describeTimelineApi } from './customer-timeline.suite.js';

describeTimelineApi('memory store', async () => ({ env: {}, cleanup: async () => {} }));
