import { usualAnswer } from '../postmark/answers.js';
import { mulberry32 } from './prng.js';

/**
 * Random faults, as shares of requests between 0 and 1 (together at most 1), drawn from the
 * sandbox's seeded generator so the same seed gives the same sequence.
 *
 * @example
 * await startSandbox({ seed: 7, faults: { rate429: 0.2, rateDrop: 0.05, latencyMs: [5, 20] } });
 */
export interface SandboxFaults {
  /** Answer 429 before processing: nothing is stored. */
  readonly rate429?: number;
  /** Answer 500 before processing: nothing is stored. */
  readonly rate500?: number;
  /** Answer 503 before processing: nothing is stored. */
  readonly rate503?: number;
  /** Destroy the connection without answering; nothing is stored. */
  readonly rateDrop?: number;
  /**
   * Process the request (a send IS stored) and then answer 500: the dangerous case where a
   * retry would send twice.
   */
  readonly rate500AfterStore?: number;
  /** Delay before every answer: a fixed number of ms, or a [min, max] range drawn per request. */
  readonly latencyMs?: number | readonly [number, number];
}

/**
 * One scripted answer for `failNext()`: an HTTP status (answered before processing),
 * `'drop'`, or an object to choose the body or to process first (`afterStore: true`: a send
 * is stored, then the status is answered or, for `'drop'`, the connection is destroyed).
 *
 * @example
 * sandbox.failNext(2, 503);
 * sandbox.failNext(1, { status: 500, afterStore: true });
 * sandbox.failNext(1, { status: 'drop', afterStore: true });
 */
export type ScriptedFault =
  | number
  | 'drop'
  | { readonly status: number | 'drop'; readonly body?: unknown; readonly afterStore?: boolean };

/** What to do with one request. */
export type Fault =
  | { readonly kind: 'none' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'answer'; readonly status: number; readonly body: unknown }
  /** Process the request (storing what it sends), then answer this instead, or drop. */
  | {
      readonly kind: 'afterStore';
      readonly reply: 'drop' | { readonly status: number; readonly body: unknown };
    };

export interface FaultDecision {
  readonly fault: Fault;
  readonly latencyMs: number;
  /** Where the fault came from, for the request log. */
  readonly source: 'random' | 'scripted' | 'none';
}

const NONE: Fault = { kind: 'none' };

/** Decides, request by request, which fault (if any) to inject. */
export class FaultPlan {
  readonly #random: () => number;
  readonly #script: Fault[] = [];
  #faults: SandboxFaults;

  constructor(seed: number, faults: SandboxFaults = {}) {
    this.#random = mulberry32(seed);
    this.#faults = checkFaults(faults);
  }

  set(faults: SandboxFaults): void {
    this.#faults = checkFaults(faults);
  }

  failNext(count: number, fault: ScriptedFault): void {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError('failNext: count must be a positive integer.');
    const scripted = toFault(fault);
    for (let i = 0; i < count; i += 1) this.#script.push(scripted);
  }

  /**
   * Decides for the next request. Every request draws exactly two numbers, even when a
   * scripted fault or no fault applies, so the random sequence depends only on the seed and
   * the number of requests.
   */
  next(): FaultDecision {
    const faultDraw = this.#random();
    const latencyDraw = this.#random();
    const latencyMs = latency(this.#faults.latencyMs, latencyDraw);
    const scripted = this.#script.shift();
    if (scripted) return { fault: scripted, latencyMs, source: 'scripted' };
    const fault = randomFault(this.#faults, faultDraw);
    return { fault, latencyMs, source: fault.kind === 'none' ? 'none' : 'random' };
  }
}

function randomFault(faults: SandboxFaults, draw: number): Fault {
  const table: [number | undefined, () => Fault][] = [
    [faults.rateDrop, () => ({ kind: 'drop' })],
    [faults.rate429, () => answer(429)],
    [faults.rate503, () => answer(503)],
    [faults.rate500, () => answer(500)],
    [
      faults.rate500AfterStore,
      () => ({ kind: 'afterStore', reply: { status: 500, body: defaultBody(500) } }),
    ],
  ];
  let threshold = 0;
  for (const [rate, make] of table) {
    threshold += rate ?? 0;
    if (draw < threshold) return make();
  }
  return NONE;
}

function latency(setting: SandboxFaults['latencyMs'], draw: number): number {
  if (setting === undefined) return 0;
  if (typeof setting === 'number') return setting;
  const [min, max] = setting;
  return Math.round(min + (max - min) * draw);
}

function answer(status: number): Fault {
  return { kind: 'answer', status, body: defaultBody(status) };
}

/** Bodies shaped like Postmark's (src/postmark/answers.ts), marked as the sandbox's faults. */
export function defaultBody(status: number): unknown {
  const { body } = usualAnswer(status);
  const { Message, ...rest } = body as { Message: string };
  return { ...rest, Message: `${Message} (sandbox fault)` };
}

function toFault(fault: ScriptedFault): Fault {
  const spec = typeof fault === 'object' ? fault : { status: fault };
  const afterStore = 'afterStore' in spec && spec.afterStore === true;
  if (spec.status === 'drop')
    return afterStore ? { kind: 'afterStore', reply: 'drop' } : { kind: 'drop' };
  if (!Number.isInteger(spec.status) || spec.status < 400 || spec.status > 599) {
    throw new RangeError(
      `failNext: status must be an HTTP error status (400-599) or 'drop', not ${spec.status}.`,
    );
  }
  const body = 'body' in spec && spec.body !== undefined ? spec.body : defaultBody(spec.status);
  const reply = { status: spec.status, body };
  return afterStore ? { kind: 'afterStore', reply } : { kind: 'answer', ...reply };
}

function checkFaults(faults: SandboxFaults): SandboxFaults {
  const rates = [
    faults.rate429,
    faults.rate500,
    faults.rate503,
    faults.rateDrop,
    faults.rate500AfterStore,
  ];
  for (const rate of rates) {
    if (rate !== undefined && !(rate >= 0 && rate <= 1)) {
      throw new RangeError(`Sandbox fault rates are shares between 0 and 1, not ${rate}.`);
    }
  }
  const total = rates.reduce<number>((sum, rate) => sum + (rate ?? 0), 0);
  if (total > 1 + 1e-9) throw new RangeError(`Sandbox fault rates add up to ${total}; at most 1.`);
  const range =
    typeof faults.latencyMs === 'number' ? [faults.latencyMs, faults.latencyMs] : faults.latencyMs;
  if (range !== undefined) {
    const [min = -1, max = -1] = range;
    if (!(min >= 0 && max >= min)) {
      throw new RangeError(
        'Sandbox latencyMs must be a number ≥ 0 or a [min, max] range with 0 ≤ min ≤ max.',
      );
    }
  }
  return { ...faults };
}
