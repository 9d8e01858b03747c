import { callOptions } from '../options/call.js';
import {
  aliasProblem,
  TEMPLATE_TYPES,
  type TemplateField,
  type TemplateProblem,
  templateProblem,
} from '../postmark/templates.js';
import {
  PostmarkTemplateListSchema,
  PostmarkTemplateSchema,
  PostmarkTemplateSummarySchema,
  PostmarkTemplateValidationSchema,
} from '../schemas/templates.js';
import { type Client, pathTo, type RequestOptions } from '../transport/client.js';
import { camelize } from './camel.js';
import { checkId } from './checks.js';
import { type Confirmation, ConfirmationReading } from './confirmation.js';
import { anyText, field, flag, jsonObject, oneOf, readFields, text, textOrNull } from './fields.js';
import { rule } from './filters.js';
import { named, reading } from './read.js';
import { pagedSearch, write } from './requests.js';

/** A template's kind: a Standard template is sent; a Layout wraps Standard ones. */
export type TemplateType = 'Standard' | 'Layout';

/** A template as the list shows it. */
export interface TemplateSummary {
  readonly templateId: number;
  readonly name: string;
  readonly alias?: string;
  readonly active?: boolean;
  readonly templateType?: TemplateType | (string & {});
  /** The alias of the Layout this template is wrapped in. */
  readonly layoutTemplate?: string;
}

/** A template with its content. */
export interface TemplateDetails extends TemplateSummary {
  readonly subject?: string;
  readonly htmlBody?: string;
  readonly textBody?: string;
  readonly associatedServerId?: number;
}

export interface TemplateList {
  readonly totalCount: number;
  readonly templates: readonly TemplateSummary[];
}

/** What `templates.list()` and `all()` take. */
export interface TemplateFilter {
  readonly count?: number;
  readonly offset?: number;
  /** `All` (the default), `Standard` or `Layout`. */
  readonly templateType?: 'All' | TemplateType;
  /** Only the templates wrapped in this Layout (its alias). */
  readonly layoutTemplate?: string;
}

/**
 * A new template. It needs a name and an HTML or text body; a Standard template a subject;
 * a Layout `{{{@content}}}` in each body and no `layoutTemplate`. An alias starts with a
 * letter and holds only letters, digits, `.`, `-` and `_`. Checked before any request.
 */
export interface TemplateInput {
  readonly name: string;
  readonly alias?: string | null;
  readonly subject?: string;
  readonly htmlBody?: string;
  readonly textBody?: string;
  readonly templateType?: TemplateType;
  readonly layoutTemplate?: string | null;
}

/** What `templates.edit()` may change (the type is fixed at creation). */
export type TemplateChanges = Partial<Omit<TemplateInput, 'templateType'>>;

/** What `templates.validate()` takes: the content to check and a model to render it with. */
export interface TemplateValidationInput {
  readonly subject?: string;
  readonly htmlBody?: string;
  readonly textBody?: string;
  readonly testRenderModel?: Readonly<Record<string, unknown>>;
  readonly inlineCssForHtmlTestRender?: boolean;
  readonly templateType?: TemplateType;
  readonly layoutTemplate?: string;
}

/** One part of a validation. */
export interface TemplateValidationPart {
  readonly contentIsValid: boolean;
  readonly validationErrors?: readonly {
    readonly message: string;
    readonly line?: number;
    readonly characterPosition?: number;
  }[];
  readonly renderedContent?: string;
}

export interface TemplateValidation {
  readonly allContentIsValid: boolean;
  readonly subject?: TemplateValidationPart;
  readonly htmlBody?: TemplateValidationPart;
  readonly textBody?: TemplateValidationPart;
  /** A model with every variable the content uses, to start from. */
  readonly suggestedTemplateModel?: Readonly<Record<string, unknown>>;
}

/** A template by its numeric id or its alias. */
export type TemplateRef = number | string;

/**
 * The Templates API of one server: `server.templates`. Reads retry as reads; creating,
 * editing and deleting are writes, repeated only when certainly not carried out.
 *
 * @example
 * await server.templates.create({ name: 'Welcome', alias: 'welcome', subject: 'Hi {{name}}', textBody: 'Hello {{name}}' });
 * await mailer.send(Message.to('ada@example.com').template('welcome', { name: 'Ada' }));
 */
export interface TemplatesApi {
  /** One page of templates. @example await server.templates.list({ templateType: 'Layout' }); */
  list(filter?: TemplateFilter, options?: RequestOptions): Promise<TemplateList>;
  /** Every template, page after page. @example for await (const t of server.templates.all()) console.log(t.alias); */
  all(
    filter?: TemplateFilter,
    options?: RequestOptions,
  ): AsyncGenerator<TemplateSummary, void, undefined>;
  /** One template with its content. @example await server.templates.get('welcome'); */
  get(ref: TemplateRef, options?: RequestOptions): Promise<TemplateDetails>;
  /** Creates a template. @example await server.templates.create({ name: 'Receipt', subject: 'Receipt', htmlBody: '<p>{{total}}</p>' }); */
  create(template: TemplateInput, options?: RequestOptions): Promise<TemplateSummary>;
  /** Changes a template. @example await server.templates.edit('welcome', { subject: 'Welcome, {{name}}' }); */
  edit(
    ref: TemplateRef,
    changes: TemplateChanges,
    options?: RequestOptions,
  ): Promise<TemplateSummary>;
  /** Deletes a template; sends through it then answer ErrorCode 1101. @example await server.templates.delete('welcome'); */
  delete(ref: TemplateRef, options?: RequestOptions): Promise<Confirmation>;
  /**
   * Checks template content and renders it with a model, without saving anything.
   * @example const { allContentIsValid } = await server.templates.validate({ subject: 'Hi {{name}}', testRenderModel: { name: 'Ada' } });
   */
  validate(input: TemplateValidationInput, options?: RequestOptions): Promise<TemplateValidation>;
}

const TYPES = TEMPLATE_TYPES;

// The SDK's name of a field Postmark names `field`: `HtmlBody` → `htmlBody`.
const camelName = (field: TemplateField) => `${field[0]?.toLowerCase()}${field.slice(1)}`;

// Postmark's content rules (src/postmark/templates.ts), checked before the request: without
// them a Standard template with no subject, or a Layout without {{{@content}}}, reaches the
// server and comes back as a 422 (ErrorCode 300).
function refuse(what: string, problem: TemplateProblem | undefined): void {
  if (problem === undefined) return;
  const message = `${what}: ${problem.message}`;
  throw problem.missing ? new TypeError(message) : new RangeError(message);
}

const FILTER = {
  templateType: rule('TemplateType', oneOf(['All', ...TYPES])),
  layoutTemplate: rule('LayoutTemplate', text),
};

const CONTENT = {
  name: field('Name', text),
  alias: field('Alias', textOrNull),
  subject: field('Subject', anyText),
  htmlBody: field('HtmlBody', anyText),
  textBody: field('TextBody', anyText),
  layoutTemplate: field('LayoutTemplate', textOrNull),
};
const NEW = {
  ...CONTENT,
  name: field('Name', text, true),
  templateType: field('TemplateType', oneOf(TYPES)),
};

const VALIDATION = {
  subject: field('Subject', anyText),
  htmlBody: field('HtmlBody', anyText),
  textBody: field('TextBody', anyText),
  testRenderModel: field('TestRenderModel', jsonObject),
  inlineCssForHtmlTestRender: field('InlineCssForHtmlTestRender', flag),
  templateType: field('TemplateType', oneOf(TYPES)),
  layoutTemplate: field('LayoutTemplate', text),
};

const ListReading = reading(PostmarkTemplateListSchema, (raw) =>
  Object.freeze({
    ...camelize<TemplateList>(raw),
    templates: Object.freeze(raw.Templates.map((template) => named<TemplateSummary>(template))),
  }),
);
const TemplateReading = reading(PostmarkTemplateSchema, (raw) => named<TemplateDetails>(raw));
const SummaryReading = reading(PostmarkTemplateSummarySchema, (raw) => named<TemplateSummary>(raw));
const ValidationReading = reading(PostmarkTemplateValidationSchema, (raw) =>
  camelize<TemplateValidation>(raw),
);

/** The Templates API over `client`. @example const templates = createTemplatesApi(client); */
export function createTemplatesApi(client: Client): TemplatesApi {
  const { page, all } = pagedSearch<TemplateFilter, TemplateSummary, TemplateList>(client, {
    path: '/templates',
    rules: FILTER,
    schema: ListReading,
    items: (list) => list.templates,
    names: ['templates.list()', 'templates.all()'],
  });
  const ref = (what: string, value: unknown) => checkId(what, value, true);
  return Object.freeze({
    list: page,
    all,
    async get(id: TemplateRef, options?: RequestOptions) {
      const checked = ref('templates.get()', id);
      const call = callOptions('templates.get()', options);
      return client.get(pathTo`/templates/${checked}`, {}, TemplateReading, call);
    },
    async create(template: TemplateInput, options?: RequestOptions) {
      const body = readFields(
        template,
        NEW,
        'templates.create()',
        "{ name: 'Welcome', subject: 'Hi', textBody: 'Hello' }",
      );
      refuse('templates.create()', templateProblem(body, camelName));
      const call = callOptions('templates.create()', options);
      return write(client, 'POST', '/templates', body, SummaryReading, call);
    },
    async edit(id: TemplateRef, changes: TemplateChanges, options?: RequestOptions) {
      const checked = ref('templates.edit()', id);
      const body = readFields(changes, CONTENT, 'templates.edit()', "{ subject: 'Hi' }");
      // The other rules need the template as it is (its type, its bodies): the server's.
      refuse('templates.edit()', aliasProblem(body.Alias, camelName));
      const call = callOptions('templates.edit()', options);
      return write(client, 'PUT', pathTo`/templates/${checked}`, body, SummaryReading, call);
    },
    async delete(id: TemplateRef, options?: RequestOptions) {
      const checked = ref('templates.delete()', id);
      const call = callOptions('templates.delete()', options);
      return write(
        client,
        'DELETE',
        pathTo`/templates/${checked}`,
        undefined,
        ConfirmationReading,
        call,
      );
    },
    async validate(input: TemplateValidationInput, options?: RequestOptions) {
      const body = readFields(
        input,
        VALIDATION,
        'templates.validate()',
        "{ subject: 'Hi {{name}}' }",
      );
      const call = callOptions('templates.validate()', options);
      // A check that changes nothing: safe to repeat, so it retries as a read.
      return client.request({
        ...call,
        method: 'POST',
        path: '/templates/validate',
        body: JSON.stringify(body),
        schema: ValidationReading,
        idempotent: true,
      });
    },
  });
}
