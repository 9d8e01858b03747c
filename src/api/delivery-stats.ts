import { callOptions } from '../options/call.js';
import type { Client, RequestOptions } from '../transport/client.js';
import { type DeliveryStats, DeliveryStatsReading } from './bounce-results.js';

/**
 * GET /deliverystats: how many addresses are inactive and how many bounces of each type the
 * server has. Behind `server.deliveryStats()`.
 *
 * @example
 * const { inactiveMails, bounces } = await deliveryStats(client);
 */
export async function deliveryStats(
  client: Client,
  options?: RequestOptions,
): Promise<DeliveryStats> {
  options = callOptions('deliveryStats()', options);
  return client.get('/deliverystats', {}, DeliveryStatsReading, options);
}
