/**
 * Sends a sandbox's webhooks the way the vendor does (a POST of the exact signed bytes) and keeps
 * a log of every delivery, so tests and demos can replay one byte for byte (a vendor retry) or
 * send them out of order.
 */
import { randomUUID } from 'node:crypto';

export interface WebhookDelivery {
  id: string;
  /** The vendor's topic or subscription type, for reading the log. */
  topic: string;
  url: string;
  headers: Record<string, string>;
  /** The exact bytes that were signed. */
  body: string;
  sentAt: string;
  status: number | undefined;
  error?: string;
}

export class WebhookSender {
  private readonly log: WebhookDelivery[] = [];

  constructor(
    /** Where deliveries go, e.g. `http://127.0.0.1:4010/webhooks/shopify`; unset means record only. */
    public target: string | undefined,
    private readonly timeoutMs = 5000,
  ) {}

  /** Sends a signed delivery (headers and body already final) and records it. */
  async send(topic: string, headers: Record<string, string>, body: string): Promise<WebhookDelivery> {
    const delivery: WebhookDelivery = {
      id: randomUUID(),
      topic,
      url: this.target ?? '',
      headers,
      body,
      sentAt: new Date().toISOString(),
      status: undefined,
    };
    this.log.push(delivery);
    await this.post(delivery);
    return delivery;
  }

  /** Sends a logged delivery again, byte for byte, as the vendor does on retry. */
  async replay(id: string): Promise<WebhookDelivery | undefined> {
    const original = this.log.find((d) => d.id === id);
    if (!original) return undefined;
    const again: WebhookDelivery = { ...original, id: randomUUID(), sentAt: new Date().toISOString(), status: undefined };
    delete again.error;
    this.log.push(again);
    await this.post(again);
    return again;
  }

  deliveries(): readonly WebhookDelivery[] {
    return this.log;
  }

  private async post(delivery: WebhookDelivery): Promise<void> {
    if (!delivery.url) return;
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      delivery.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      delivery.error = (error as Error).message;
    }
  }
}
