/**
 * src/bot/composer.ts against grammY's own Composer: the same tree of middleware, built once with
 * each, must run the same handlers in the same order for every update, and fail the same way.
 */
import { Api, Context, Composer as GrammyComposer, type Middleware } from 'grammy';
import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { Composer } from '../../src/bot/composer.js';
import { toFullBotUser } from '../fake-telegram/server.js';

const me = toFullBotUser(undefined);

function contextOf(update: Update): Context {
  return new Context(update, new Api('1:x'), me);
}

const from = { id: 7, is_bot: false, first_name: 'An' };
const message = (text: string): Update => {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: 1,
    message: {
      message_id: 1,
      date: 0,
      chat: { id: 7, type: 'private', first_name: 'An' },
      from,
      text,
      ...(command ? { entities: [{ type: 'bot_command' as const, offset: 0, length: command[0].length }] } : {}),
    },
  };
};
const callback = (data: string): Update => ({
  update_id: 2,
  callback_query: { id: 'q', from, chat_instance: 'c', data, message: { message_id: 1, date: 0, chat: { id: 7, type: 'private', first_name: 'An' } } },
});
const groupMessage = (text: string): Update => ({
  update_id: 3,
  message: { message_id: 1, date: 0, chat: { id: -5, type: 'group', title: 'G' }, from, text },
});

type Make = <C extends Context>(...middleware: Middleware<C>[]) => GrammyComposer<C>;
const ours: Make = (...m) => new Composer(...m);
const grammys: Make = (...m) => new GrammyComposer(...m);

/** A tree like the bot's: features with commands, callbacks, filters, an async predicate, drop, branch, a fallback. */
function tree(make: Make, trace: string[]): GrammyComposer<Context> {
  const mark = (name: string, pass = false) => async (ctx: Context, next: () => Promise<void>) => {
    trace.push(name);
    if (pass) await next();
  };
  const root = make<Context>();
  root.use(async (ctx, next) => {
    trace.push('outer:before');
    await next();
    trace.push('outer:after');
  });
  const gate = make<Context>();
  gate.drop((ctx) => ctx.chat?.type === 'private', mark('gate:group-only'));
  root.use(gate);
  const help = make<Context>();
  help.command(['help', 'trogiup'], mark('help'));
  help.callbackQuery(/^page:(\d+)$/, async (ctx) => trace.push(`page ${String(ctx.match?.[1])}`));
  root.use(help);
  const feature = make<Context>();
  feature.filter(async (ctx) => (await Promise.resolve(ctx.message?.text?.includes('async'))) ?? false, mark('async-filter', true));
  feature.on('message:text').filter((ctx) => ctx.message!.text.startsWith('x'), mark('x-text'));
  feature.branch((ctx) => ctx.callbackQuery !== undefined, mark('branch:callback', true), mark('branch:other', true)).use(mark('after-branch', true));
  // What is added to the composer `use` returns runs after the middleware given to it.
  const used = feature.use(mark('used:a', true), mark('used:b', true));
  feature.use(mark('used:sibling', true));
  used.use(mark('used:then', true));
  feature.hears(/^xin chào/i, mark('hears'));
  const extended = feature.command('later');
  root.use(feature);
  // Extended after it was registered, as grammY allows: must still run.
  extended.use(mark('later'));
  feature.use(mark('feature:last', true));
  root.on('callback_query:data', mark('callback-fallback'));
  root.use(mark('fallback'));
  return root;
}

async function runWith(make: Make, update: Update): Promise<string[]> {
  const trace: string[] = [];
  await tree(make, trace).middleware()(contextOf(update), async () => {
    trace.push('leaf');
  });
  return trace;
}

describe('Composer: the same routing as grammY', () => {
  const updates: [string, Update][] = [
    ['/trogiup', message('/trogiup')],
    ['/later', message('/later')],
    ['/unknown', message('/unknown')],
    ['an async word', message('an async word')],
    ['x marks', message('x marks')],
    ['xin chào', message('xin chào bạn')],
    ['page button', callback('page:3')],
    ['other button', callback('other')],
    ['group text', groupMessage('hello')],
  ];
  it.each(updates)('%s runs the same handlers in the same order', async (_name, update) => {
    const expected = await runWith(grammys, update);
    expect(expected.length).toBeGreaterThan(2);
    expect(await runWith(ours, update)).toEqual(expected);
  });
});

describe('Composer: failures', () => {
  it('a second call of next throws, as with grammY', async () => {
    for (const make of [ours, grammys]) {
      const c = make<Context>((_ctx, next) => next().then(() => next()), (_ctx, next) => next());
      await expect(c.middleware()(contextOf(message('hi')), async () => undefined)).rejects.toThrow('`next` already called before!');
    }
  });

  it('an error thrown synchronously, by a middleware or a predicate, rejects the chain', async () => {
    const boom = new Error('boom');
    const a = new Composer<Context>();
    a.use(() => {
      throw boom;
    });
    await expect(a.middleware()(contextOf(message('hi')), async () => undefined)).rejects.toBe(boom);
    const b = new Composer<Context>();
    b.filter(() => {
      throw boom;
    });
    await expect(b.middleware()(contextOf(message('hi')), async () => undefined)).rejects.toBe(boom);
  });

  it('the chain finishes only when the middleware that ran has', async () => {
    const order: string[] = [];
    const c = new Composer<Context>();
    c.command('slow', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('handled');
    });
    await c.middleware()(contextOf(message('/slow')), async () => undefined);
    order.push('returned');
    expect(order).toEqual(['handled', 'returned']);
  });
});
