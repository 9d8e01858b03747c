import { ENTITY_WORDING, ERROR_CODES } from '../postmark/error-codes.js';
import { inboundRuleMatches, isInboundRule } from '../postmark/inbound.js';
import { unprocessable } from './http.js';

/** An inbound rule as Postmark's Triggers API answers it. */
export interface SandboxInboundRule {
  readonly ID: number;
  /** An email address or a domain whose mail is blocked. */
  readonly Rule: string;
}

/** The inbound rules of one sandbox. Ids are numbers from 1, never given twice. */
export class InboundRuleStore {
  readonly #byId = new Map<number, SandboxInboundRule>();
  #nextId = 1;

  /**
   * Adds a rule; throws a 422 `ApiFailure`: 813 for what is neither an address nor a domain,
   * 810 for a rule that exists already (ignoring case).
   */
  add(rule: unknown): SandboxInboundRule {
    const text = typeof rule === 'string' ? rule.trim() : '';
    if (!isInboundRule(text)) {
      throw unprocessable(
        ERROR_CODES.invalidInboundRule,
        ENTITY_WORDING.invalidInboundRule(typeof rule === 'string' ? rule : String(rule)),
      );
    }
    const folded = text.toLowerCase();
    if (this.list().some((known) => known.Rule.toLowerCase() === folded))
      throw unprocessable(ERROR_CODES.inboundRuleExists, ENTITY_WORDING.inboundRuleExists(text));
    const stored = Object.freeze({ ID: this.#nextId, Rule: text });
    this.#nextId += 1;
    this.#byId.set(stored.ID, stored);
    return stored;
  }

  /** Removes the rule with `id`; throws a 422 (812) when there is none. */
  remove(id: string): SandboxInboundRule {
    const rule = /^\d+$/.test(id) ? this.#byId.get(Number(id)) : undefined;
    if (rule === undefined)
      throw unprocessable(ERROR_CODES.inboundRuleNotFound, ENTITY_WORDING.inboundRuleNotFound(id));
    this.#byId.delete(rule.ID);
    return rule;
  }

  /** Every rule, oldest first. */
  list(): SandboxInboundRule[] {
    return [...this.#byId.values()];
  }

  /** The first rule that blocks mail from `from` (an address or a From header), if any. */
  blocking(from: string): SandboxInboundRule | undefined {
    return this.list().find((rule) => inboundRuleMatches(rule.Rule, from));
  }
}
