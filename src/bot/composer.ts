/**
 * grammY's Composer with the same behaviour, routed without building anything per update. Every
 * feature and the bot's own chain use this one (an ESLint rule refuses grammY's in src).
 *
 * Why: grammY runs each `command`, `on`, `hears`, `callbackQuery`… through `filter` → `branch` →
 * `lazy`, which for every update and every filter awaits two async functions and builds a new
 * Composer around the matching middleware; and each `use` nests one more async function that
 * every later update passes through. With 20 features and about 30 filters before a command's
 * handler, that was a third of all the memory the bot allocated per update, and the garbage
 * collector was the largest single cost of a fixed reply (README, "Footprint: routing,
 * conversations, transport"). Here a composer keeps its steps in an array walked by index; a
 * filter is a step with a predicate, and a predicate that says no costs nothing more: the walk
 * goes on to the next step.
 * Something is allocated only to enter a composer that is not the last step of its parent (the
 * way back) and to call a middleware function (its `next`).
 *
 * The same contract as grammY's: middleware runs in the order registered; each gets `next` once
 * (a second call throws, as grammY's does); a composer returned by `use`/`filter`/… can still be
 * extended after it was registered, and so can the composer itself; a predicate may be async; an
 * error thrown, synchronously or not, rejects the promise of the chain.
 */
import { Composer as GrammyComposer, type Context, type Middleware, type MiddlewareFn, type NextFunction } from 'grammy';

type MaybePromise<T> = T | Promise<T>;
type Predicate<C> = (ctx: C) => MaybePromise<boolean>;
/** What a step runs: a composer of ours is walked in place, anything else is called. */
type Target<C extends Context> = Composer<C> | MiddlewareFn<C>;

/** One registered piece: run `yes` (when there is no predicate, or it holds), else `no`; a missing one is skipped. */
interface Step<C extends Context> {
  when?: Predicate<C>;
  yes?: Target<C>;
  no?: Target<C>;
}

export class Composer<C extends Context> extends GrammyComposer<C> {
  private readonly steps: Step<C>[];
  private readonly run: MiddlewareFn<C>;

  constructor(...middleware: Array<Middleware<C>>) {
    super();
    const steps: Step<C>[] = middleware.map((m) => ({ yes: toTarget(m) }));
    this.steps = steps;
    this.run = (ctx, next) => walk(steps, 0, ctx, next);
  }

  override middleware(): MiddlewareFn<C> {
    return this.run;
  }

  override use(...middleware: Array<Middleware<C>>): Composer<C> {
    // The given middleware become steps of this composer, then the returned one: what is added to it
    // runs after them, as with grammY's (which nests a composer: one more level to walk per update).
    const composer = new Composer<C>();
    this.steps.push(...middleware.map((m) => ({ yes: toTarget(m) })), { yes: composer });
    return composer;
  }

  override filter<D extends C>(predicate: (ctx: C) => ctx is D, ...middleware: Array<Middleware<D>>): Composer<D>;
  override filter(predicate: Predicate<C>, ...middleware: Array<Middleware<C>>): Composer<C>;
  override filter(predicate: Predicate<C>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new Composer<C>(...middleware);
    this.steps.push({ when: predicate, yes: composer });
    return composer;
  }

  override drop(predicate: Predicate<C>, ...middleware: Array<Middleware<C>>): Composer<C> {
    const composer = new Composer<C>(...middleware);
    this.steps.push({ when: predicate, no: composer });
    return composer;
  }

  override branch(predicate: Predicate<C>, trueMiddleware: Middleware<C> | Array<Middleware<C>>, falseMiddleware: Middleware<C> | Array<Middleware<C>>): Composer<C> {
    // What is added to the returned composer runs after either side calls `next`, as with grammY's.
    const after = new Composer<C>();
    this.steps.push({ when: predicate, yes: new Composer<C>(...[trueMiddleware].flat(), after), no: new Composer<C>(...[falseMiddleware].flat(), after) });
    return after;
  }

  /** @internal This composer's steps, for `walk` (the steps stay private to the module). */
  static stepsOf<C extends Context>(composer: Composer<C>): readonly Step<C>[] {
    return composer.steps;
  }
}

function toTarget<C extends Context>(middleware: Middleware<C>): Target<C> {
  if (typeof middleware === 'function' || middleware instanceof Composer) return middleware;
  // Read at each update, as grammY does: a composer may still be extended after it was registered.
  return (ctx, next) => middleware.middleware()(ctx, next);
}

/**
 * Runs the steps from `i` on, then `next`. The promise settles when the middleware that ran has
 * finished (to whatever it returned: nothing reads it); an error, thrown or rejected, rejects it.
 */
function walk<C extends Context>(steps: readonly Step<C>[], i: number, ctx: C, next: NextFunction): Promise<void> {
  try {
    for (; i < steps.length; i++) {
      const step = steps[i]!;
      let target = step.yes;
      if (step.when) {
        const verdict = step.when(ctx);
        if (isPromise(verdict)) {
          const at = i;
          return verdict.then((ok) => enter(ok ? step.yes : step.no, steps, at, ctx, next));
        }
        if (!verdict) target = step.no;
      }
      // Nothing to run here (a failed filter, a composer nothing was added to): on to the next step.
      if (target === undefined || (target instanceof Composer && Composer.stepsOf(target).length === 0)) continue;
      return enter(target, steps, i, ctx, next);
    }
    return next();
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Runs the target of `steps[i]`, then (when it calls `next`, or when it is a composer) the steps after it. */
function enter<C extends Context>(target: Target<C> | undefined, steps: readonly Step<C>[], i: number, ctx: C, next: NextFunction): Promise<void> {
  const last = i + 1 === steps.length;
  if (target === undefined) return last ? next() : walk(steps, i + 1, ctx, next);
  if (target instanceof Composer) return walk(Composer.stepsOf(target), 0, ctx, last ? next : () => walk(steps, i + 1, ctx, next));
  let called = false;
  return Promise.resolve(
    target(ctx, () => {
      if (called) throw new Error('`next` already called before!');
      called = true;
      return last ? next() : walk(steps, i + 1, ctx, next);
    }),
  ) as Promise<void>;
}

function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
