import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Mustache from 'mustache';
import { MAX_TEMPLATE_ID } from '../postmark/fields.js';
import { isPlainObject, type Problem } from './http.js';

/**
 * A template as Postmark's /templates API takes it (PascalCase, so the same JSON works in a
 * seed file, in `addTemplate()` and in `POST /templates`).
 *
 * @example
 * const input: SandboxTemplateInput = { Name: 'Welcome', Alias: 'welcome', Subject: 'Hi {{name}}', TextBody: 'Hello {{name}}' };
 */
export interface SandboxTemplateInput {
  readonly Name: string;
  readonly Alias?: string | null;
  readonly Subject: string;
  readonly HtmlBody?: string | null;
  readonly TextBody?: string | null;
  /** Optional fixed id (for tests that hard-code one); otherwise the next free number. */
  readonly TemplateId?: number;
}

/**
 * A stored template, as `GET /templates/{idOrAlias}` answers it.
 *
 * @example
 * sandbox.addTemplate({ Name: 'Welcome', Alias: 'welcome', Subject: 'Hi', TextBody: 'Hello' }).TemplateId; // 1
 */
export interface SandboxTemplate {
  readonly TemplateId: number;
  readonly Name: string;
  readonly Alias: string | null;
  readonly Subject: string;
  readonly HtmlBody: string | null;
  readonly TextBody: string | null;
  readonly Active: boolean;
  readonly TemplateType: 'Standard';
}

/** The rendered parts of a templated message. */
export interface RenderedContent {
  readonly Subject: string;
  readonly HtmlBody?: string;
  readonly TextBody?: string;
}

const ALIAS = /^[A-Za-z][A-Za-z0-9._-]*$/;
// Subject and text are not HTML: escaping `&` there would show `&amp;` to the reader.
const NO_ESCAPE = { escape: (value: string) => value };

/** In-memory templates of one sandbox, found by numeric id or by alias. */
export class TemplateStore {
  readonly #byId = new Map<number, SandboxTemplate>();
  #nextId = 1;

  /** Adds a template; throws a `TypeError` naming the broken rule when the input is invalid. */
  add(input: unknown): SandboxTemplate {
    const problem = this.check(input);
    if (problem) throw new TypeError(problem.message);
    const valid = input as SandboxTemplateInput;
    const id = valid.TemplateId ?? this.#freeId();
    const template: SandboxTemplate = Object.freeze({
      TemplateId: id,
      Name: valid.Name,
      Alias: valid.Alias ?? null,
      Subject: valid.Subject,
      HtmlBody: valid.HtmlBody ?? null,
      TextBody: valid.TextBody ?? null,
      Active: true,
      TemplateType: 'Standard',
    });
    this.#byId.set(id, template);
    return template;
  }

  // The next id no template has, from where the last one was given; ids never pass
  // MAX_TEMPLATE_ID, so two templates can never share one.
  #freeId(): number {
    for (let tried = 0; tried < MAX_TEMPLATE_ID; tried++) {
      const id = this.#nextId;
      this.#nextId = id >= MAX_TEMPLATE_ID ? 1 : id + 1;
      if (!this.#byId.has(id)) return id;
    }
    throw new Error('every TemplateId is taken');
  }

  /** Why `input` cannot be added (ErrorCode 300 in the HTTP API), or undefined. */
  check(input: unknown): Problem | undefined {
    const invalid = (message: string): Problem => ({ errorCode: 300, message });
    if (!isPlainObject(input)) return invalid('A template must be a JSON object.');
    for (const field of ['Name', 'Subject'] as const) {
      if (typeof input[field] !== 'string' || input[field] === '')
        return invalid(`Template ${field} is required.`);
    }
    for (const field of ['Alias', 'HtmlBody', 'TextBody'] as const) {
      const value = input[field];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        return invalid(`Template ${field} must be a string.`);
      }
    }
    if (!input.HtmlBody && !input.TextBody)
      return invalid('A template needs an HtmlBody or a TextBody.');
    const alias = input.Alias;
    if (typeof alias === 'string' && alias !== '') {
      if (!ALIAS.test(alias)) {
        return invalid(
          `Template alias '${alias}' must start with a letter and hold only letters, digits, '.', '-' and '_'.`,
        );
      }
      if (this.find(alias)) return invalid(`Template alias '${alias}' is already in use.`);
    }
    const id = input.TemplateId;
    if (id !== undefined) {
      if (!Number.isSafeInteger(id) || (id as number) < 1 || (id as number) > MAX_TEMPLATE_ID)
        return invalid(`TemplateId must be a whole number from 1 to ${MAX_TEMPLATE_ID}.`);
      if (this.#byId.has(id as number)) return invalid(`TemplateId ${id} is already in use.`);
    }
    // Postmark validates template syntax when a template is saved, not when it is used.
    for (const field of ['Subject', 'HtmlBody', 'TextBody'] as const) {
      const source = input[field];
      if (typeof source !== 'string') continue;
      try {
        Mustache.parse(source);
      } catch (error) {
        return invalid(`Template ${field} does not parse: ${(error as Error).message}`);
      }
    }
    return undefined;
  }

  /** A template by numeric id or alias (an alias is matched exactly). */
  find(ref: number | string): SandboxTemplate | undefined {
    if (typeof ref === 'number') return this.#byId.get(ref);
    for (const template of this.#byId.values()) if (template.Alias === ref) return template;
    return undefined;
  }

  list(): SandboxTemplate[] {
    return [...this.#byId.values()].sort((a, b) => a.TemplateId - b.TemplateId);
  }

  remove(ref: number | string): boolean {
    const template = this.find(ref);
    return template !== undefined && this.#byId.delete(template.TemplateId);
  }
}

/**
 * Renders a template's parts with mustache.js: `{{var}}` is HTML-escaped in HtmlBody only,
 * `{{{var}}}` never; `{{#list}}...{{/list}}` repeats.
 *
 * @example
 * renderTemplate(template, { name: 'Ada' }); // { Subject: 'Hi Ada', TextBody: 'Hello Ada' }
 */
export function renderTemplate(
  template: SandboxTemplate,
  model: Readonly<Record<string, unknown>>,
): RenderedContent {
  return {
    Subject: Mustache.render(template.Subject, model, {}, NO_ESCAPE),
    ...(template.HtmlBody === null ? {} : { HtmlBody: Mustache.render(template.HtmlBody, model) }),
    ...(template.TextBody === null
      ? {}
      : { TextBody: Mustache.render(template.TextBody, model, {}, NO_ESCAPE) }),
  };
}

/**
 * Fills `store` from an array of templates or from a folder: every `*.json` file of the
 * folder (in name order) is one template, and a file without an Alias gets its base name
 * (`welcome.json` → `welcome`). Throws naming the file and the broken rule.
 */
export async function seedTemplates(
  store: TemplateStore,
  source: string | readonly SandboxTemplateInput[],
): Promise<void> {
  if (typeof source !== 'string') {
    for (const input of source) store.add(input);
    return;
  }
  const files = (await readdir(source)).filter((file) => file.endsWith('.json')).sort();
  for (const file of files) {
    const path = join(source, file);
    try {
      const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
      store.add(isPlainObject(parsed) ? { Alias: basename(file, '.json'), ...parsed } : parsed);
    } catch (error) {
      throw new Error(`Sandbox template ${path}: ${(error as Error).message}`, { cause: error });
    }
  }
}
