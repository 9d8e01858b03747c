import { ENTITY_WORDING, ERROR_CODES } from '../../postmark/error-codes.js';
import type { SandboxContext } from '../context.js';
import { isPlainObject, ok, type Reply, unprocessable } from '../http.js';
import type { Route, RouteRequest } from '../router.js';
import type { SandboxTemplate } from '../templates.js';

/** The account's Templates API: pushing one server's templates to another. */
export const accountTemplateRoutes: readonly Route[] = [
  { method: 'PUT', path: '/templates/push', body: 'json', token: 'account', handle: pushTemplates },
];

/**
 * Copies the templates of the source server that have an alias to the destination, matched
 * by alias: `Edit` where the destination has one, `Create` where it has none. Layouts go
 * first, so the templates they wrap find them. Without `PerformChanges`, only reports.
 * (Templates without an alias are not pushed: there is nothing to match them by. Unconfirmed.)
 */
function pushTemplates({ json, context }: RouteRequest): Reply {
  const fields = isPlainObject(json) ? json : {};
  const source = serverOf(context, read(fields, 'SourceServerID'));
  const destination = serverOf(context, read(fields, 'DestinationServerID'));
  const perform = read(fields, 'PerformChanges');
  if (typeof perform !== 'boolean')
    throw unprocessable(ERROR_CODES.invalidRequest, 'PerformChanges must be true or false.');
  const pushed = source.templates
    .list()
    .filter((template) => template.Alias !== null)
    .sort((a, b) => Number(b.TemplateType === 'Layout') - Number(a.TemplateType === 'Layout'));
  const actions = pushed.map((template) => push(template, destination, perform));
  return ok({ TotalCount: actions.length, Templates: actions });
}

function push(template: SandboxTemplate, destination: SandboxContext, perform: boolean) {
  const alias = template.Alias as string;
  const existing = destination.templates.find(alias);
  const content = {
    Name: template.Name,
    Subject: template.Subject,
    HtmlBody: template.HtmlBody,
    TextBody: template.TextBody,
    LayoutTemplate: template.LayoutTemplate,
  };
  let id = existing?.TemplateId ?? null;
  if (perform) {
    if (existing) destination.templates.edit(existing.TemplateId, content);
    else
      id = destination.templates.add({
        ...content,
        Alias: alias,
        TemplateType: template.TemplateType,
      }).TemplateId;
  }
  return {
    Action: existing ? 'Edit' : 'Create',
    TemplateId: id,
    Alias: alias,
    Name: template.Name,
    TemplateType: template.TemplateType,
  };
}

// Postmark's JSON names are read ignoring case (`SourceServerID`, `SourceServerId`).
function read(fields: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(fields).find(
    (candidate) => candidate.toLowerCase() === name.toLowerCase(),
  );
  return key === undefined ? undefined : fields[key];
}

function serverOf(context: SandboxContext, id: unknown): SandboxContext {
  if (typeof id !== 'number' || !Number.isSafeInteger(id))
    throw unprocessable(ERROR_CODES.serverNotFound, ENTITY_WORDING.serverNotFound(String(id)));
  return context.account.server(String(id));
}
