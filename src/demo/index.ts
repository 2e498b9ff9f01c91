/**
 * The demo bloc, made from the bot (the first admin's "start with the demo") as from the CLI.
 * A stand-in for branch i14-demo's version, which replaces this file: it calls the CLI's builders
 * (the bloc, then both terms' indicators). The caller runs it in a transaction.
 */
import type { Clock } from '../clock.js';
import { buildDemoBloc } from '../cli/demo-data.js';
import { buildDemoIndicators } from '../cli/demo-indicators.js';
import type { Db } from '../db/connection.js';
import type { Actor } from '../services/actor.js';
import type { Services } from '../services/index.js';

export interface DemoResult {
  branches: number;
  members: number;
}

export function createDemoBloc(services: Services, clock: Clock, actor: Actor): DemoResult {
  const bloc = buildDemoBloc(services, actor);
  // Stop-gap until i14-demo's version: the indicator builder writes its reports straight into their
  // table, and the services do not hand out their database.
  const db = (services.dashboard as unknown as { db: Db }).db;
  buildDemoIndicators(services, actor, clock, db);
  return { branches: bloc.branches.length, members: bloc.memberCount };
}
