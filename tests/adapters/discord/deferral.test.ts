import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DeliveryStep,
  deliverReply,
  deliveryStep,
  type InteractionResponder,
  type InteractionState,
} from '../../../src/adapters/discord/interaction.js';
import { EPHEMERAL_FLAG } from '../../../src/adapters/discord/render.js';
import { internalErrorReply, type Reply } from '../../../src/core/reply.js';

const state = (deferred: boolean, replied: boolean, deferredPrivately = false): InteractionState => ({
  deferred,
  replied,
  deferredPrivately,
});

describe('the Discord deferral policy', () => {
  it.each<[InteractionState, boolean, DeliveryStep]>([
    [state(false, false), false, 'reply'],
    [state(false, false), true, 'reply'],
    [state(true, false), false, 'edit'],
    [state(true, false, true), true, 'edit'],
    [state(true, false, true), false, 'edit'],
    [state(true, false), true, 'follow-up-then-delete'],
    [state(true, true), false, 'follow-up'],
    [state(false, true), true, 'follow-up'],
  ])('%o with a private answer %s → %s', (s, answerIsPrivate, step) => {
    expect(deliveryStep(s, answerIsPrivate)).toBe(step);
  });

  it('never shows a private answer in a public message, and never answers twice', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (d, r, p, priv) => {
        const step = deliveryStep(state(d, r, p), priv);
        // A public "thinking…" edited into a private answer would show it to the channel.
        if (priv && d && !r && !p) expect(step).toBe('follow-up-then-delete');
        // Once answered, the only way on is a follow-up.
        if (r) expect(step).toBe('follow-up');
        if (!d && !r) expect(step).toBe('reply');
      }),
    );
  });
});

function recorder(s: InteractionState) {
  const calls: Array<[string, unknown]> = [];
  const responder: InteractionResponder = {
    state: () => s,
    reply: async (m) => calls.push(['reply', m]),
    edit: async (m) => calls.push(['edit', m]),
    followUp: async (m) => calls.push(['followUp', m]),
    deleteOriginal: async () => calls.push(['delete', null]),
  };
  return { calls, responder };
}

const answer: Reply = { tone: 'info', title: 'Hello', sources: [], ephemeral: false };

describe('deliverReply', () => {
  it('edits a deferred public answer in without flags', async () => {
    const { calls, responder } = recorder(state(true, false));
    await deliverReply(responder, answer);
    expect(calls.map((c) => c[0])).toEqual(['edit']);
    expect(calls[0]?.[1]).not.toHaveProperty('flags');
  });

  it('sends the error of a publicly deferred command privately and removes the placeholder', async () => {
    const { calls, responder } = recorder(state(true, false));
    await deliverReply(responder, internalErrorReply());
    expect(calls.map((c) => c[0])).toEqual(['followUp', 'delete']);
    expect(calls[0]?.[1]).toMatchObject({ flags: EPHEMERAL_FLAG });
  });

  it('answers a fresh interaction with one reply', async () => {
    const { calls, responder } = recorder(state(false, false));
    await deliverReply(responder, answer);
    expect(calls.map((c) => c[0])).toEqual(['reply']);
  });
});
