import { createClient } from '@libsql/client';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollectorProcess, type CollectorProcess } from '../helpers/collector-process';

/** How hard to load the collector, and when to kill it. */
export interface CrashScenarioOptions {
  /** Concurrent senders, each posting its own batches one after another. @default 4 */
  clients?: number;
  /** @default 2000 */
  eventsPerClient?: number;
  /** @default 50 */
  batchSize?: number;
  /** Share of all batches acknowledged before the SIGKILL. @default 0.5 */
  killAtShare?: number;
  /**
   * The kill follows that acknowledgement after a random pause of up to this, so it
   * lands anywhere in a request's life (parsing, planning, committing, answering)
   * instead of always just after an answer, when the collector is idle. @default 50
   */
  killJitterMs?: number;
  /** How long senders may keep retrying before the scenario fails. @default 50_000 */
  deadlineMs?: number;
}

/** What happened, counted in events (messageIds) unless named otherwise. */
export interface CrashOutcome {
  fired: number;
  /** Events whose `200` came from the process that was then killed. */
  acknowledgedBeforeKill: number;
  /** messageIds acknowledged by the killed process but absent from the file afterwards. */
  acknowledgedMissing: string[];
  /** Rows in the events table after the restart (the database was fresh). */
  stored: number;
  /** messageIds stored more than once. */
  storedTwice: number;
  /** Fired messageIds with no row at all. */
  lost: number;
  /** Events the collector answered as duplicates: committed, but their `200` never arrived. */
  resent: number;
  /** Rows in the quarantine table (every fired event is valid, so 0 expected). */
  quarantined: number;
  /** Batches posted but not yet answered when the kill was sent. */
  batchesInFlightAtKill: number;
  /** Requests that failed (network error, 5xx, no answer) and were retried. */
  failedAttempts: number;
  /** From SIGKILL to the new process answering `/healthz`. */
  restartMs: number;
  elapsedMs: number;
}

const DEFAULTS = { clients: 4, eventsPerClient: 2_000, batchSize: 50, killAtShare: 0.5, killJitterMs: 50, deadlineMs: 50_000 } satisfies Required<CrashScenarioOptions>;
const WRITE_KEY = 'dev_write_key';
/** Every sender shares 127.0.0.1, so the per-client limit would throttle the load: off. */
const UNLIMITED = { FOOTFALL_RATE_LIMIT_PER_KEY: 'off', FOOTFALL_RATE_LIMIT_PER_CLIENT: 'off' };
/** A request without an answer by then counts as failed and is sent again. */
const ANSWER_TIMEOUT_MS = 10_000;

type Batch = Array<{ type: 'track'; messageId: string; anonymousId: string; event: string; properties: Record<string, unknown> }>;

/** Shared by the senders: where to post, and what has been acknowledged by whom. */
interface Run {
  url: string;
  killedUrl: string;
  deadline: number;
  acknowledgedBeforeKill: string[];
  acknowledgedBatches: number;
  inFlight: number;
  resent: number;
  failedAttempts: number;
  /** Set when the restart failed: senders stop instead of retrying until the deadline. */
  abort?: unknown;
  onAcknowledged: () => void;
}

/**
 * Loads the built collector (a real process on a libSQL file) with concurrent
 * senders, SIGKILLs it once `killAtShare` of the batches are acknowledged, starts a
 * new process on the same file, lets every unacknowledged batch be retried there,
 * then reads the file: the durability contract says nothing acknowledged is
 * missing and nothing is stored twice.
 *
 * @example
 * const outcome = await runCollectorCrashScenario({ clients: 2, eventsPerClient: 500 });
 * outcome.acknowledgedMissing // []
 */
export async function runCollectorCrashScenario(options: CrashScenarioOptions = {}): Promise<CrashOutcome> {
  const settings = { ...DEFAULTS, ...options };
  const started = Date.now();
  const folder = await mkdtemp(join(tmpdir(), 'footfall-crash-'));
  const dbFile = join(folder, 'x.db');
  const env = { FOOTFALL_DB_URL: `file:${dbFile}`, ...UNLIMITED };
  const processes: CollectorProcess[] = [];
  try {
    processes.push(await startCollectorProcess(env));
    const plan = planBatches(settings);
    const batchCount = plan.flat().length;
    const killAt = Math.min(batchCount, Math.max(1, Math.floor(settings.killAtShare * batchCount)));
    let restart: Promise<Restart> | undefined;
    const run: Run = {
      url: processes[0]!.url,
      killedUrl: processes[0]!.url,
      deadline: started + settings.deadlineMs,
      acknowledgedBeforeKill: [],
      acknowledgedBatches: 0,
      inFlight: 0,
      resent: 0,
      failedAttempts: 0,
      onAcknowledged: () => {
        if (restart || run.acknowledgedBatches < killAt) return;
        restart = crashAndRestart(processes, env, run, Math.random() * settings.killJitterMs);
        restart.catch((error: unknown) => (run.abort = error));
      },
    };
    await Promise.all(plan.map((batches) => sendInOrder(batches, run)));
    const { inFlight, restartMs } = await restart!;
    // Stopped gracefully, so the file is read by nobody else.
    await processes[1]!.stop();
    const fired = plan.flat(2).map((event) => event.messageId);
    const file = await readStore(dbFile);
    return {
      fired: fired.length,
      acknowledgedBeforeKill: run.acknowledgedBeforeKill.length,
      acknowledgedMissing: run.acknowledgedBeforeKill.filter((id) => !file.copies.has(id)),
      stored: file.stored,
      storedTwice: [...file.copies.values()].filter((copies) => copies > 1).length,
      lost: fired.filter((id) => !file.copies.has(id)).length,
      resent: run.resent,
      quarantined: file.quarantined,
      batchesInFlightAtKill: inFlight,
      failedAttempts: run.failedAttempts,
      restartMs,
      elapsedMs: Date.now() - started,
    };
  } finally {
    for (const collector of processes) await collector.stop('SIGKILL');
    await rm(folder, { recursive: true, force: true });
  }
}

/** Per sender, its batches of track events with messageIds unique across the run. */
function planBatches(settings: Required<CrashScenarioOptions>): Batch[][] {
  return Array.from({ length: settings.clients }, (_, client) => {
    const events = Array.from({ length: settings.eventsPerClient }, (_, index) => ({
      type: 'track' as const,
      messageId: `crash-${client}-${index}`,
      anonymousId: `crash-visitor-${client}`,
      event: 'Product Viewed',
      properties: { client, index },
    }));
    const batches: Batch[] = [];
    for (let at = 0; at < events.length; at += settings.batchSize) batches.push(events.slice(at, at + settings.batchSize));
    return batches;
  });
}

/** One sender: each batch in turn, as an SDK's queue would, retried until acknowledged. */
async function sendInOrder(batches: Batch[], run: Run): Promise<void> {
  for (const batch of batches) await deliver(batch, run);
}

async function deliver(batch: Batch, run: Run): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (run.abort !== undefined) throw run.abort;
    if (Date.now() > run.deadline) throw new Error(`batch starting ${batch[0]!.messageId} still unacknowledged at the deadline`);
    // Read once: the answer belongs to the process this attempt went to.
    const url = run.url;
    run.inFlight++;
    const answer = await post(url, batch).finally(() => run.inFlight--);
    if (answer.status === 200) {
      const body = answer.body as { accepted: number; duplicates: number; rejected: unknown[] };
      if (body.rejected.length > 0) throw new Error(`valid events were rejected: ${JSON.stringify(body.rejected)}`);
      run.resent += body.duplicates;
      if (url === run.killedUrl) run.acknowledgedBeforeKill.push(...batch.map((event) => event.messageId));
      run.acknowledgedBatches++;
      run.onAcknowledged();
      return;
    }
    // The SDK's rule: network failures, 408, 429 and 5xx are worth another try; any
    // other answer means the scenario itself sent something wrong.
    if (answer.status !== 0 && answer.status !== 408 && answer.status !== 429 && answer.status < 500) {
      throw new Error(`batch starting ${batch[0]!.messageId} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    run.failedAttempts++;
    // Small, jittered and capped: the collector is back within seconds.
    await new Promise((resolve) => setTimeout(resolve, Math.min(400, 20 * 2 ** attempt) * (0.5 + Math.random() / 2)));
  }
}

/** Posts one batch as the SDK does (JSON as text/plain); status 0 = no answer. */
async function post(url: string, batch: Batch): Promise<{ status: number; body?: unknown }> {
  try {
    const response = await fetch(`${url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ writeKey: WRITE_KEY, batch }),
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
    return { status: response.status, body: await response.json() };
  } catch {
    // Reset, refused or timed out: the outcome of the request is unknown.
    return { status: 0 };
  }
}

interface Restart {
  inFlight: number;
  restartMs: number;
}

/**
 * After `pauseMs`, kills the loaded process (the last of `processes`) without warning
 * and points the senders at a new one on the same file.
 */
async function crashAndRestart(processes: CollectorProcess[], env: Record<string, string>, run: Run, pauseMs: number): Promise<Restart> {
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  const inFlight = run.inFlight;
  const killedAt = Date.now();
  await processes.at(-1)!.stop('SIGKILL');
  const successor = await startCollectorProcess(env);
  processes.push(successor);
  run.url = successor.url;
  return { inFlight, restartMs: Date.now() - killedAt };
}

/** Reads the file with an independent connection: rows per messageId and quarantined rows. */
async function readStore(dbFile: string): Promise<{ stored: number; copies: Map<string, number>; quarantined: number }> {
  const reader = createClient({ url: `file:${dbFile}` });
  try {
    const rows = await reader.execute({
      sql: 'select message_id, count(*) as copies from events where write_key = ? group by message_id',
      args: [WRITE_KEY],
    });
    const total = await reader.execute('select (select count(*) from events) as stored, (select count(*) from quarantine) as quarantined');
    const copies = new Map(rows.rows.map((row) => [String(row['message_id']), Number(row['copies'])]));
    return { stored: Number(total.rows[0]!['stored']), copies, quarantined: Number(total.rows[0]!['quarantined']) };
  } finally {
    reader.close();
  }
}
