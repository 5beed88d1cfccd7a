/**
 * Button presses end to end on both Slack transports: the real Bolt app against the fake Slack,
 * signed `block_actions` POSTs in HTTP mode and `interactive` envelopes in Socket Mode. Each press is
 * acknowledged at once and answered through its response_url, as the command it carries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.js';
import type { SlackButton } from '../../../src/adapters/slack/actions.js';
import type { SlackBlock } from '../../../src/adapters/slack/render.js';
import { PressLimiter } from '../../../src/core/press-limit.js';
import { type SlackHarness, startSlackHarness, TEST_SIGNING_SECRET } from '../../fakes/slack/harness.js';
import { postInteraction, postSlashCommand } from '../../fakes/slack/signed-request.js';
import { buttonsKb } from '../../fixtures/buttons-kb.js';

interface SlackAnswer {
  response_type?: string;
  replace_original?: boolean;
  blocks: SlackBlock[];
  text: string;
}

const LIMITED_USER = 'U0LIMITED';

class TestLimiter extends PressLimiter {
  private readonly strict = new PressLimiter({ burst: 2, refillMs: 60_000 });
  override take(user: string) {
    return user === LIMITED_USER ? this.strict.take(user) : super.take(user);
  }
}

function buttons(answer: SlackAnswer): SlackButton[] {
  return answer.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));
}

function button(answer: SlackAnswer, label: string): SlackButton {
  const found = buttons(answer).find((b) => b.text.text.includes(label));
  if (!found) throw new Error(`no ${label} button in ${JSON.stringify(answer.blocks)}`);
  return found;
}

const header = (answer: SlackAnswer) =>
  answer.blocks[0]?.type === 'header' ? answer.blocks[0].text.text : null;
const pageOf = (answer: SlackAnswer) => JSON.stringify(answer.blocks).match(/Page (\d+) of (\d+)/)?.[0];

describe.each(['http', 'socket'] as const)('Slack presses (%s)', (mode) => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({
      mode,
      // /results is a real command of the registry now (issue 10), no stub needed.
      commands,
      adapter: { kb: await buttonsKb(), pressLimiter: new TestLimiter({ burst: 1000 }) },
    });
  });
  afterAll(() => h.stop());

  /** Runs a slash command and returns the answer in its ack. */
  async function ask(command: string, text: string, userId = 'U0USER'): Promise<SlackAnswer> {
    const fields = h.fake.slashCommand(command, text, { user_id: userId });
    if (mode === 'http') {
      const res = await postSlashCommand(h.eventsUrl, TEST_SIGNING_SECRET, fields);
      expect(res.status).toBe(200);
      return res.body as SlackAnswer;
    }
    const ack = await h.fake.waitForAck(h.fake.sendEnvelope('slash_commands', fields));
    return ack.payload as unknown as SlackAnswer;
  }

  /** Presses a button: checks the quick empty ack, and returns what was POSTed to the response_url. */
  async function press(b: SlackButton, userId = 'U0USER'): Promise<SlackAnswer> {
    const responseId = `press-${Math.random().toString(36).slice(2)}`;
    const payload = h.fake.blockActions(b, { userId, responseUrl: h.fake.responseUrl(responseId) });
    const started = performance.now();
    if (mode === 'http') {
      const res = await postInteraction(h.eventsUrl, TEST_SIGNING_SECRET, payload);
      expect(res.status).toBe(200);
      expect(res.body).toBe('');
    } else {
      const ack = await h.fake.waitForAck(h.fake.sendEnvelope('interactive', payload));
      expect(ack.payload ?? {}).toEqual({});
    }
    expect(performance.now() - started).toBeLessThan(3000);
    await h.fake.waitFor(() => h.fake.responses.some((r) => r.id === responseId));
    return h.fake.responses.find((r) => r.id === responseId)?.body as unknown as SlackAnswer;
  }

  it('pages /onthisday by replacing the message through response_url', async () => {
    const first = await ask('/onthisday', '08-06');
    expect(pageOf(first)).toBe('Page 1 of 3');
    expect(buttons(first).map((b) => b.text.text)).toEqual(['Next ▶']);
    const second = await press(button(first, 'Next'));
    expect(second.replace_original).toBe(true);
    expect(pageOf(second)).toBe('Page 2 of 3');
    const back = await press(button(second, 'Previous'));
    expect(back.blocks.filter((b) => b.type === 'section')).toEqual(
      first.blocks.filter((b) => b.type === 'section'),
    );
  });

  it('answers Full results with a new message, exactly as /results would', async () => {
    const podium = await ask('/podium', '1500m');
    expect(buttons(podium).map((b) => b.text.text)).toEqual(['Full results', 'Heats', 'Semi-finals']);
    const pressed = await press(button(podium, 'Full results'));
    const typed = await ask('/results', 'paris-2024-athletics-men-1500m-final');
    expect(pressed.replace_original).toBe(false);
    expect(pressed.response_type).toBe('in_channel');
    expect({ ...pressed, replace_original: undefined }).toEqual({ ...typed, replace_original: undefined });
  });

  it('offers another quote from the same speaker', async () => {
    const first = await ask('/quote', 'kerr');
    const next = await press(button(first, 'Another quote'));
    expect(next.replace_original).toBe(true);
    expect(header(next)).toBe(header(first));
    expect(next.text).not.toBe(first.text);
  });

  it('answers another member’s press on a public answer privately', async () => {
    const first = await ask('/onthisday', '08-06');
    const theirs = await press(button(first, 'Next'), 'U0OTHER');
    expect(theirs.replace_original).toBe(false);
    expect(theirs.response_type).toBe('ephemeral');
    expect(pageOf(theirs)).toBe('Page 2 of 3');
  });

  it('answers a garbled button privately, never an error', async () => {
    const answer = await press({
      type: 'button',
      text: { type: 'plain_text', text: 'x', emoji: true },
      action_id: 'podium-press-0',
      value: '<!channel> p1|garbage',
    });
    expect(answer).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(header(answer)).toBe('I can’t answer that button');
  });

  it.runIf(mode === 'http')('refuses an unsigned press before any answer', async () => {
    const first = await ask('/onthisday', '08-06');
    const payload = h.fake.blockActions(button(first, 'Next'));
    const before = h.fake.responses.length;
    const res = await postInteraction(h.eventsUrl, TEST_SIGNING_SECRET, payload, { unsigned: true });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    expect(h.fake.responses.length).toBe(before);
  });

  it('limits presses per member with a clear private message', async () => {
    const first = await ask('/onthisday', '08-06', LIMITED_USER);
    const second = await press(button(first, 'Next'), LIMITED_USER);
    const third = await press(button(second, 'Next'), LIMITED_USER);
    expect(pageOf(third)).toBe('Page 3 of 3');
    const limited = await press(button(third, 'Previous'), LIMITED_USER);
    expect(limited).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(header(limited)).toBe('Easy on the buttons');
  });
});
