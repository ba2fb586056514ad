/**
 * reserveTouch, confirmTouch, releaseTouch. The scope (`frequency:write`) is declared in the
 * schema; the gateway enforces it and the subgraph's upstream guard re-checks it. Bad input is a
 * BAD_USER_INPUT error and reserves nothing.
 */
import { GraphQLError } from 'graphql';
import { IdempotencyKeyReuseError } from '../../../profile/frequency/frequency-service.js';
import { isReservable, RESERVABLE_CHANNELS, type Reservation } from '../../../profile/frequency/touch.js';
import type { MutationResolvers } from '../__generated__/resolvers-types.js';
import { decisionShape, reservationShape } from '../frequency-shapes.js';

const MAX_TEXT = 200;

const badInput = (argument: string, message: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument, ...extra } });

function text(argument: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badInput(argument, `${argument} must not be empty.`);
  if (trimmed.length > MAX_TEXT) throw badInput(argument, `${argument} must be at most ${MAX_TEXT} characters.`);
  return trimmed;
}

export const reserveTouch: MutationResolvers['reserveTouch'] = async (_parent, args, { stores, frequency }) => {
  const idempotencyKey = text('idempotencyKey', args.idempotencyKey);
  const campaignId = text('campaignId', args.campaignId);
  if (!isReservable(args.channel)) {
    throw badInput('channel', `${args.channel} is not an outbound channel; reserve one of ${RESERVABLE_CHANNELS.join(', ')}.`);
  }
  const customer = await stores.identities.getCustomer(args.customerId);
  if (!customer) throw badInput('customerId', 'No customer has this id.', { reason: 'UNKNOWN_CUSTOMER' });
  try {
    const result = await frequency.reserveTouch(customer, { channel: args.channel, campaignId, idempotencyKey });
    return {
      granted: result.granted,
      replayed: result.replayed,
      reservation: result.reservation ? reservationShape(result.reservation) : null,
      decision: result.decision ? decisionShape(result.decision) : null,
    };
  } catch (error) {
    if (error instanceof IdempotencyKeyReuseError) {
      throw badInput('idempotencyKey', error.message, { reason: 'IDEMPOTENCY_KEY_REUSED', reservationId: error.original.id });
    }
    throw error;
  }
};

function found(reservation: Reservation | undefined): Reservation {
  if (!reservation) throw badInput('reservationId', 'No reservation has this id.', { reason: 'UNKNOWN_RESERVATION' });
  return reservation;
}

export const confirmTouch: MutationResolvers['confirmTouch'] = async (_parent, args, { frequency }) => {
  const reservation = found(await frequency.confirmTouch(args.reservationId));
  if (reservation.status === 'RELEASED') {
    throw badInput('reservationId', 'This reservation was released; reserve again before sending.', { reason: 'RESERVATION_RELEASED' });
  }
  return reservationShape(reservation);
};

export const releaseTouch: MutationResolvers['releaseTouch'] = async (_parent, args, { frequency }) => {
  const reservation = found(await frequency.releaseTouch(args.reservationId));
  if (reservation.status === 'CONFIRMED') {
    throw badInput('reservationId', 'This reservation was confirmed as sent; it cannot be released.', { reason: 'RESERVATION_CONFIRMED' });
  }
  return reservationShape(reservation);
};
