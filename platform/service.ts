/** A started service as the launcher sees it: where it listens and how to stop it. */
export interface RunningService {
  name: string;
  /** The base URL it answers on (for subgraphs, the GraphQL endpoint). */
  url: string;
  close(): Promise<void>;
}

/** Closes services in reverse start order, waiting for each; reports failures without stopping. */
export async function closeAll(services: readonly RunningService[], onError: (name: string, error: unknown) => void) {
  for (const service of [...services].reverse()) {
    try {
      await service.close();
    } catch (error) {
      onError(service.name, error);
    }
  }
}
