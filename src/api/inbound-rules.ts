import { callOptions } from '../options/call.js';
import { isInboundRule } from '../postmark/inbound.js';
import { PostmarkInboundRuleListSchema, PostmarkInboundRuleSchema } from '../schemas/inbound.js';
import { type Client, pathTo, type RequestOptions } from '../transport/client.js';
import { camelize } from './camel.js';
import { checkNumberId } from './checks.js';
import { type Confirmation, ConfirmationReading } from './confirmation.js';
import { field, type Reader, readFields, text } from './fields.js';
import type { PageFilter } from './filters.js';
import { reading } from './read.js';
import { pagedSearch, write } from './requests.js';

/** A rule that blocks inbound mail from an address or a whole domain. */
export interface InboundRule {
  readonly id: number;
  /** An email address (`spammer@example.com`) or a domain (`example.com`). */
  readonly rule: string;
}

export interface InboundRuleList {
  readonly totalCount: number;
  readonly inboundRules: readonly InboundRule[];
}

/** What `inboundRules.list()` and `all()` take: paging only. */
export type InboundRuleFilter = PageFilter;

/** A new inbound rule. */
export interface InboundRuleInput {
  /** An email address (`spammer@example.com`) or a domain of two or more labels (`example.com`). */
  readonly rule: string;
}

/**
 * The inbound rules of one server (`server.inboundRules`, Postmark's Triggers API): inbound
 * mail from a blocked address or domain is kept as Blocked instead of being posted to your
 * inbound webhook (see `server.inbound.bypass()`).
 *
 * @example
 * await server.inboundRules.create({ rule: 'spammer.example' });
 */
export interface InboundRulesApi {
  /** One page of rules. @example const { inboundRules } = await server.inboundRules.list({ count: 50 }); */
  list(filter?: InboundRuleFilter, options?: RequestOptions): Promise<InboundRuleList>;
  /** Every rule, page after page. @example for await (const { rule } of server.inboundRules.all()) console.log(rule); */
  all(
    filter?: InboundRuleFilter,
    options?: RequestOptions,
  ): AsyncGenerator<InboundRule, void, undefined>;
  /** Adds a rule (an address or a domain, checked first). @example const { id } = await server.inboundRules.create({ rule: 'spammer@example.com' }); */
  create(rule: InboundRuleInput, options?: RequestOptions): Promise<InboundRule>;
  /** Removes a rule by its id. @example await server.inboundRules.delete(rule.id); */
  delete(id: number, options?: RequestOptions): Promise<Confirmation>;
}

const inboundRule: Reader<string> = (field, value) => {
  const rule = text(field, value).trim();
  if (!isInboundRule(rule)) {
    throw new RangeError(
      `${field} '${rule}' is neither an email address nor a domain such as example.com`,
    );
  }
  return rule;
};

const NEW = { rule: field('Rule', inboundRule, true) };

const ListReading = reading(PostmarkInboundRuleListSchema, (raw) => camelize<InboundRuleList>(raw));
const RuleReading = reading(PostmarkInboundRuleSchema, (raw) => camelize<InboundRule>(raw));

/** The inbound rules API over `client`. @example const rules = createInboundRulesApi(client); */
export function createInboundRulesApi(client: Client): InboundRulesApi {
  const { page, all } = pagedSearch<InboundRuleFilter, InboundRule, InboundRuleList>(client, {
    path: '/triggers/inboundrules',
    rules: {},
    schema: ListReading,
    items: (list) => list.inboundRules,
    names: ['inboundRules.list()', 'inboundRules.all()'],
  });
  return Object.freeze({
    list: page,
    all,
    async create(rule: InboundRuleInput, options?: RequestOptions) {
      const body = readFields(
        rule,
        NEW,
        'inboundRules.create()',
        "{ rule: 'spammer@example.com' }",
      );
      const call = callOptions('inboundRules.create()', options);
      return write(client, 'POST', '/triggers/inboundrules', body, RuleReading, call);
    },
    async delete(id: number, options?: RequestOptions) {
      const checked = checkNumberId('inboundRules.delete()', id);
      const call = callOptions('inboundRules.delete()', options);
      const path = pathTo`/triggers/inboundrules/${checked}`;
      return write(client, 'DELETE', path, undefined, ConfirmationReading, call);
    },
  });
}
