import { failure, ok, type Reply, unprocessable } from '../http.js';
import { page, readPaging } from '../paging.js';
import type { Route, RouteRequest } from '../router.js';

/** A small part of Postmark's Templates API: create, get one, list. */
export const templateRoutes: readonly Route[] = [
  { method: 'GET', path: '/templates', body: 'none', handle: listTemplates },
  { method: 'POST', path: '/templates', body: 'json', handle: createTemplate },
  { method: 'GET', path: '/templates/:ref', body: 'none', handle: getTemplate },
];

function listTemplates({ query, context }: RouteRequest): Reply {
  const templates = context.templates.list();
  return ok({ TotalCount: templates.length, Templates: page(templates, readPaging(query)) });
}

function createTemplate({ json, context }: RouteRequest): Reply {
  const problem = context.templates.check(json);
  if (problem) return failure(problem);
  // The test token validates without storing, as for sends.
  if (context.testMode)
    return ok({ TemplateId: 0, Name: (json as { Name: string }).Name, Active: true });
  const template = context.templates.add(json);
  return ok({
    TemplateId: template.TemplateId,
    Name: template.Name,
    Alias: template.Alias,
    Active: true,
    TemplateType: 'Standard',
  });
}

// Postmark's 1101 "template not found", here for a lookup rather than a send.
function getTemplate({ params, context }: RouteRequest): Reply {
  const raw = params.ref ?? '';
  const template = context.templates.find(/^\d+$/.test(raw) ? Number(raw) : raw);
  if (template === undefined) throw unprocessable(1101, `Template '${raw}' was not found.`);
  return ok(template);
}
