import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Mustache from 'mustache';
import { MAX_TEMPLATE_ID } from '../postmark/fields.js';
import { LAYOUT_CONTENT, TEMPLATE_TYPES, templateProblem } from '../postmark/templates.js';
import { isPlainObject, type Problem } from './http.js';
import { SANDBOX_SERVER_ID } from './store.js';

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
  /** Required for a Standard template; a Layout has none. */
  readonly Subject?: string;
  readonly HtmlBody?: string | null;
  readonly TextBody?: string | null;
  /** `Standard` (the default) or `Layout`: a Layout wraps Standard templates at `{{{@content}}}`. */
  readonly TemplateType?: 'Standard' | 'Layout';
  /** The alias of the Layout a Standard template is wrapped in. */
  readonly LayoutTemplate?: string | null;
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
  readonly TemplateType: 'Standard' | 'Layout';
  readonly LayoutTemplate: string | null;
  readonly AssociatedServerId: number;
}

/** The rendered parts of a templated message. */
export interface RenderedContent {
  readonly Subject: string;
  readonly HtmlBody?: string;
  readonly TextBody?: string;
}

// Subject and text are not HTML: escaping `&` there would show `&amp;` to the reader.
const NO_ESCAPE = { escape: (value: string) => value };
const invalid = (message: string): Problem => ({ errorCode: 300, message });

/** In-memory templates of one sandbox, found by numeric id or by alias. */
export class TemplateStore {
  readonly #byId = new Map<number, SandboxTemplate>();
  #nextId = 1;
  /** The server the templates belong to (`AssociatedServerId`). */
  readonly #serverId: number;

  constructor(serverId = SANDBOX_SERVER_ID) {
    this.#serverId = serverId;
  }

  /** Adds a template; throws a `TypeError` naming the broken rule when the input is invalid. */
  add(input: unknown): SandboxTemplate {
    const problem = this.check(input);
    if (problem) throw new TypeError(problem.message);
    const valid = input as SandboxTemplateInput;
    return this.#store(valid.TemplateId ?? this.#freeId(), valid, undefined);
  }

  /** Changes a template (its type stays), or says why not; throws nothing. */
  edit(ref: number | string, changes: unknown): SandboxTemplate | Problem {
    const current = this.find(ref);
    if (current === undefined) return notFound(ref);
    if (!isPlainObject(changes)) return invalid('The changes must be a JSON object.');
    const merged = { ...current, ...changes, TemplateType: current.TemplateType };
    const problem = this.check(merged, current);
    return problem ?? this.#store(current.TemplateId, merged as SandboxTemplateInput, current);
  }

  /** Why `input` cannot be stored (ErrorCode 300 in the HTTP API), or undefined. */
  check(input: unknown, replacing?: SandboxTemplate): Problem | undefined {
    if (!isPlainObject(input)) return invalid('A template must be a JSON object.');
    const type = input.TemplateType ?? 'Standard';
    if (!(TEMPLATE_TYPES as readonly unknown[]).includes(type))
      return invalid(`TemplateType must be ${TEMPLATE_TYPES.map((t) => `'${t}'`).join(' or ')}.`);
    for (const field of ['Subject', 'Alias', 'HtmlBody', 'TextBody', 'LayoutTemplate'] as const) {
      const value = input[field];
      if (value !== undefined && value !== null && typeof value !== 'string') {
        return invalid(`Template ${field} must be a string.`);
      }
    }
    // The rules the SDK checks too, before it sends: Name, Subject, bodies, Layout, alias.
    const broken = templateProblem(input);
    if (broken) return invalid(`Template ${broken.message}.`);
    const alias = input.Alias;
    if (typeof alias === 'string' && alias !== '') {
      const other = this.find(alias);
      if (other && other.TemplateId !== replacing?.TemplateId)
        return invalid(`Template alias '${alias}' is already in use.`);
    }
    const layout = input.LayoutTemplate;
    if (typeof layout === 'string' && layout !== '') {
      if (this.find(layout)?.TemplateType !== 'Layout')
        return invalid(`LayoutTemplate '${layout}' is not a Layout of this server.`);
    }
    const id = input.TemplateId;
    if (id !== undefined && replacing === undefined) {
      if (!Number.isSafeInteger(id) || (id as number) < 1 || (id as number) > MAX_TEMPLATE_ID)
        return invalid(`TemplateId must be a whole number from 1 to ${MAX_TEMPLATE_ID}.`);
      if (this.#byId.has(id as number)) return invalid(`TemplateId ${id} is already in use.`);
    }
    // Postmark validates template syntax when a template is saved, not when it is used.
    for (const field of ['Subject', 'HtmlBody', 'TextBody'] as const) {
      const error = syntaxError(input[field]);
      if (error) return invalid(`Template ${field} does not parse: ${error.message}`);
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

  /** Deletes a template; a Layout still wrapping templates is kept (Postmark refuses it). */
  remove(ref: number | string): boolean {
    const template = this.find(ref);
    if (template === undefined || this.layoutInUse(template)) return false;
    return this.#byId.delete(template.TemplateId);
  }

  /** Whether a Layout wraps any template (and so cannot be deleted). */
  layoutInUse(template: SandboxTemplate): boolean {
    return (
      template.TemplateType === 'Layout' &&
      this.list().some((other) => other.LayoutTemplate === template.Alias)
    );
  }

  /** The template rendered with `model`, wrapped in its Layout when it has one. */
  render(template: SandboxTemplate, model: Readonly<Record<string, unknown>>): RenderedContent {
    const layout = template.LayoutTemplate ? this.find(template.LayoutTemplate) : undefined;
    return renderParts(template, model, layout);
  }

  #store(id: number, input: SandboxTemplateInput, replacing: SandboxTemplate | undefined) {
    const template: SandboxTemplate = Object.freeze({
      TemplateId: id,
      Name: input.Name,
      Alias: input.Alias || null,
      Subject: input.Subject ?? '',
      HtmlBody: input.HtmlBody ?? null,
      TextBody: input.TextBody ?? null,
      Active: true,
      TemplateType: input.TemplateType ?? 'Standard',
      LayoutTemplate: input.LayoutTemplate || null,
      AssociatedServerId: this.#serverId,
    });
    // A Layout renamed by an edit keeps wrapping the templates that named it.
    if (
      replacing?.TemplateType === 'Layout' &&
      replacing.Alias &&
      replacing.Alias !== template.Alias
    ) {
      for (const other of this.#byId.values())
        if (other.LayoutTemplate === replacing.Alias)
          this.#byId.set(
            other.TemplateId,
            Object.freeze({ ...other, LayoutTemplate: template.Alias }),
          );
    }
    this.#byId.set(id, template);
    return template;
  }

  // The next id no template has; ids never pass MAX_TEMPLATE_ID, so two never share one.
  #freeId(): number {
    for (let tried = 0; tried < MAX_TEMPLATE_ID; tried++) {
      const id = this.#nextId;
      this.#nextId = id >= MAX_TEMPLATE_ID ? 1 : id + 1;
      if (!this.#byId.has(id)) return id;
    }
    throw new Error('every TemplateId is taken');
  }
}

/** Postmark's 1101 problem for a template that is not there. */
export function notFound(ref: number | string): Problem {
  const which = typeof ref === 'number' ? `'Id' ${ref}` : `'Alias' '${ref}'`;
  return {
    errorCode: 1101,
    message: `The template's ${which} associated with this request is not valid or was not found.`,
  };
}

/**
 * Renders a template's parts with mustache.js: `{{var}}` is HTML-escaped in HtmlBody only,
 * `{{{var}}}` never; `{{#list}}...{{/list}}` repeats. A Layout's bodies take the rendered
 * content at `{{{@content}}}`. The same rendering serves sends and /templates/validate.
 */
export function renderParts(
  parts: {
    readonly Subject?: string | null;
    readonly HtmlBody?: string | null;
    readonly TextBody?: string | null;
  },
  model: Readonly<Record<string, unknown>>,
  layout?: SandboxTemplate,
): RenderedContent {
  const html = parts.HtmlBody ? Mustache.render(parts.HtmlBody, model) : undefined;
  const text = parts.TextBody ? Mustache.render(parts.TextBody, model, {}, NO_ESCAPE) : undefined;
  const wrap = (body: string | null | undefined, content: string | undefined, isHtml: boolean) =>
    body && content !== undefined
      ? Mustache.render(
          body,
          { ...model, [LAYOUT_CONTENT]: content },
          {},
          isHtml ? undefined : NO_ESCAPE,
        )
      : content;
  return {
    Subject: parts.Subject ? Mustache.render(parts.Subject, model, {}, NO_ESCAPE) : '',
    ...(html === undefined
      ? {}
      : { HtmlBody: layout ? (wrap(layout.HtmlBody, html, true) as string) : html }),
    ...(text === undefined
      ? {}
      : { TextBody: layout ? (wrap(layout.TextBody, text, false) as string) : text }),
  };
}

/** What mustache.js says of a part that does not parse, or undefined. */
export function syntaxError(source: unknown): Error | undefined {
  if (typeof source !== 'string') return undefined;
  try {
    Mustache.parse(source);
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/**
 * A model holding every variable the parts use, as Postmark's SuggestedTemplateModel does:
 * `{{name}}` → `{ name: 'name_Value' }`, a section `{{#items}}…{{/items}}` → a list of one.
 */
export function suggestedModel(parts: readonly unknown[]): Record<string, unknown> {
  const model: Record<string, unknown> = {};
  const walk = (tokens: unknown[], into: Record<string, unknown>) => {
    for (const token of tokens as [string, string, number, number, unknown[]?][]) {
      const [kind, name, , , children] = token;
      if (name === LAYOUT_CONTENT || name === undefined) continue;
      if (kind === 'name' || kind === '&') into[name] ??= `${name}_Value`;
      else if (kind === '#' || kind === '^') {
        const item: Record<string, unknown> = {};
        walk(children ?? [], item);
        into[name] ??= Object.keys(item).length > 0 ? [item] : true;
      }
    }
  };
  for (const source of parts) {
    if (typeof source === 'string' && !syntaxError(source)) walk(Mustache.parse(source), model);
  }
  return model;
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
