// Postmark's rules for a template's content, once: the SDK checks them before a create (so
// bad input fails naming the field, with no request) and the sandbox answers by them
// (ErrorCode 300). From Postmark's Templates API reference and its Layouts guide. Rules that
// need the server's other templates (an alias in use, a LayoutTemplate that is a Layout) or
// a template language parser (the sandbox's mustache) are not here.

/** The kinds of template: a Standard template is sent; a Layout wraps Standard ones. */
export const TEMPLATE_TYPES = Object.freeze(['Standard', 'Layout'] as const);

export type TemplateTypeName = (typeof TEMPLATE_TYPES)[number];

/** The name a Layout gives the content of the template it wraps (a mustache variable). */
export const LAYOUT_CONTENT = '@content';

/** Where a Layout takes the content of the template it wraps: each of its bodies holds it. */
export const LAYOUT_CONTENT_PLACEHOLDER = `{{{${LAYOUT_CONTENT}}}}`;

// Postmark's reference: ASCII letters, digits, '.', '-' and '_', starting with a letter.
const ALIAS = /^[A-Za-z][A-Za-z0-9._-]*$/;
// The placeholder, with the spaces mustache allows inside the braces.
const CONTENT_TAG = new RegExp(`\\{\\{\\{\\s*${LAYOUT_CONTENT}\\s*\\}\\}\\}`);

/** The alias rule in words, for error messages on both sides. */
export const TEMPLATE_ALIAS_RULE =
  "must start with a letter and hold only letters, digits, '.', '-' and '_'";

/** Whether `alias` follows Postmark's alias grammar. @example isTemplateAlias('welcome-v2') // true */
export function isTemplateAlias(alias: string): boolean {
  return ALIAS.test(alias);
}

/** Whether a Layout body holds the placeholder of the content it wraps. */
export function holdsLayoutContent(body: string): boolean {
  return CONTENT_TAG.test(body);
}

/** A template's content under Postmark's names; absent and `null` mean not given. */
export interface TemplateContent {
  readonly TemplateType?: unknown;
  readonly Name?: unknown;
  readonly Alias?: unknown;
  readonly Subject?: unknown;
  readonly HtmlBody?: unknown;
  readonly TextBody?: unknown;
  readonly LayoutTemplate?: unknown;
}

export type TemplateField = keyof TemplateContent;

/** One broken rule: the field it is about, whether it is missing, the rule in words. */
export interface TemplateProblem {
  readonly field: TemplateField;
  /** The field (or one of two) is not given, rather than given wrong. */
  readonly missing: boolean;
  readonly message: string;
}

const given = (value: unknown): value is string => typeof value === 'string' && value !== '';

/**
 * The first rule of a new (or edited, whole) template that `content` breaks, or undefined:
 * a Name; a Subject for a Standard template; an HtmlBody or a TextBody; in a Layout, the
 * content placeholder in each body and no LayoutTemplate; an alias by Postmark's grammar.
 * Values are taken to be strings or absent (the callers check types first). `name` says how
 * the caller calls a field (`Subject` in the sandbox, `subject` in the SDK).
 *
 * @example templateProblem({ Name: 'Welcome', TextBody: 'Hi' })?.message // 'Subject is required for a Standard template'
 */
export function templateProblem(
  content: TemplateContent,
  name: (field: TemplateField) => string = (field) => field,
): TemplateProblem | undefined {
  const problem = (field: TemplateField, message: string, missing = false) => ({
    field,
    missing,
    message,
  });
  const type = content.TemplateType ?? 'Standard';
  if (!given(content.Name)) return problem('Name', `${name('Name')} is required`, true);
  if (type === 'Standard' && !given(content.Subject))
    return problem('Subject', `${name('Subject')} is required for a Standard template`, true);
  if (!given(content.HtmlBody) && !given(content.TextBody))
    return problem('HtmlBody', `${name('HtmlBody')} or ${name('TextBody')} is required`, true);
  if (type === 'Layout') {
    for (const field of ['HtmlBody', 'TextBody'] as const) {
      const body = content[field];
      if (given(body) && !holdsLayoutContent(body))
        return problem(
          field,
          `${name(field)} of a Layout must hold ${LAYOUT_CONTENT_PLACEHOLDER}, where the content it wraps goes`,
        );
    }
    if (given(content.LayoutTemplate))
      return problem(
        'LayoutTemplate',
        `${name('LayoutTemplate')} cannot be set on a Layout (a Layout is not wrapped)`,
      );
  }
  return aliasProblem(content.Alias, name);
}

/**
 * Why `alias` breaks Postmark's alias grammar, or undefined (also for no alias). For an edit,
 * which changes only some fields.
 *
 * @example aliasProblem('2fa')?.message // "Alias '2fa' must start with a letter and ..."
 */
export function aliasProblem(
  alias: unknown,
  name: (field: TemplateField) => string = (field) => field,
): TemplateProblem | undefined {
  if (!given(alias) || isTemplateAlias(alias)) return undefined;
  const message = `${name('Alias')} '${alias}' ${TEMPLATE_ALIAS_RULE}`;
  return { field: 'Alias', missing: false, message };
}
