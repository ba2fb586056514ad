import { describeJobQueueContract } from './job-queue.contract.js';
import { MemoryJobQueue, MemoryQueueState } from './memory-job-queue.js';

describeJobQueueContract('memory', async () => {
  const state = new MemoryQueueState();
  return { open: (options) => new MemoryJobQueue('contract', options, state), cleanup: async () => {} };
});
