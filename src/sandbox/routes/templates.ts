import { ERROR_CODES } from '../../postmark/error-codes.js';
import { failure, isPlainObject, ok, type Reply, unprocessable } from '../http.js';
import { page, readPaging } from '../paging.js';
import type { Route, RouteRequest } from '../router.js';
import {
  notFound,
  renderParts,
  type SandboxTemplate,
  suggestedModel,
  syntaxError,
} from '../templates.js';

/** Postmark's Templates API: list, create, get, edit, delete, validate. */
export const templateRoutes: readonly Route[] = [
  { method: 'GET', path: '/templates', body: 'none', handle: listTemplates },
  { method: 'POST', path: '/templates', body: 'json', handle: createTemplate },
  // Before '/templates/:ref', which would otherwise take 'validate' for an alias.
  { method: 'POST', path: '/templates/validate', body: 'json', handle: validateTemplate },
  { method: 'GET', path: '/templates/:ref', body: 'none', handle: (r) => ok(findTemplate(r)) },
  { method: 'PUT', path: '/templates/:ref', body: 'json', handle: editTemplate },
  { method: 'DELETE', path: '/templates/:ref', body: 'none', handle: deleteTemplate },
];

const TYPES = ['All', 'Standard', 'Layout'];

function listTemplates({ query, context }: RouteRequest): Reply {
  const type = query.get('templatetype') ?? 'All';
  if (!TYPES.includes(type))
    throw unprocessable(ERROR_CODES.invalidRequest, `Unknown TemplateType '${type}'.`);
  const layout = query.get('layouttemplate');
  const matches = context.templates
    .list()
    .filter((t) => type === 'All' || t.TemplateType === type)
    .filter((t) => !layout || t.LayoutTemplate === layout);
  return ok({
    TotalCount: matches.length,
    Templates: page(matches, readPaging(query, ['templatetype', 'layouttemplate'])).map(summary),
  });
}

function createTemplate({ json, context }: RouteRequest): Reply {
  const problem = context.templates.check(json);
  if (problem) return failure(problem);
  // The test token validates without storing, as for sends.
  if (context.testMode)
    return ok({ ...summary({ ...(json as SandboxTemplate), TemplateId: 0 }), Active: true });
  return ok(summary(context.templates.add(json)));
}

function editTemplate(request: RouteRequest): Reply {
  const current = findTemplate(request);
  if (request.context.testMode) return ok(summary(current));
  const edited = request.context.templates.edit(current.TemplateId, request.json);
  return 'TemplateId' in edited ? ok(summary(edited)) : failure(edited);
}

function deleteTemplate(request: RouteRequest): Reply {
  const template = findTemplate(request);
  if (request.context.templates.layoutInUse(template)) {
    throw unprocessable(
      ERROR_CODES.invalidRequest,
      `The Layout '${template.Alias}' is used by other templates and cannot be deleted.`,
    );
  }
  if (!request.context.testMode) request.context.templates.remove(template.TemplateId);
  return ok({ ErrorCode: 0, Message: `Template ${template.TemplateId} removed.` });
}

// POST /templates/validate: each part parsed and rendered with the test model, the way a
// send renders it, and a model suggested from the variables the parts use.
function validateTemplate({ json, context }: RouteRequest): Reply {
  if (!isPlainObject(json))
    throw unprocessable(ERROR_CODES.incompatibleJson, 'The body must be a JSON object.');
  const model = isPlainObject(json.TestRenderModel) ? json.TestRenderModel : {};
  const layoutRef = typeof json.LayoutTemplate === 'string' ? json.LayoutTemplate : undefined;
  const layout = layoutRef ? context.templates.find(layoutRef) : undefined;
  if (layoutRef && layout?.TemplateType !== 'Layout') {
    throw unprocessable(
      ERROR_CODES.invalidRequest,
      `LayoutTemplate '${layoutRef}' is not a Layout of this server.`,
    );
  }
  const parts = ['Subject', 'HtmlBody', 'TextBody'] as const;
  const errors = Object.fromEntries(parts.map((part) => [part, syntaxError(json[part])]));
  const valid = parts.every((part) => errors[part] === undefined);
  // Each part that parses is rendered, as Postmark does, even when another part does not.
  const usable = (part: (typeof parts)[number]) => (errors[part] ? '' : text(json[part]));
  const rendered = renderParts(
    { Subject: usable('Subject'), HtmlBody: usable('HtmlBody'), TextBody: usable('TextBody') },
    model,
    layout,
  );
  const report = (part: (typeof parts)[number]) => {
    const error = errors[part];
    return {
      ContentIsValid: error === undefined,
      ValidationErrors: error ? [position(error, text(json[part]))] : [],
      RenderedContent: rendered[part] ?? '',
    };
  };
  return ok({
    AllContentIsValid: valid,
    Subject: report('Subject'),
    HtmlBody: report('HtmlBody'),
    TextBody: report('TextBody'),
    SuggestedTemplateModel: suggestedModel(parts.map((part) => json[part])),
  });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

// mustache.js says where it stopped ("Unclosed tag at 12"): as Postmark's line and column.
function position(error: Error, source: string) {
  const at = Number(/at (\d+)/.exec(error.message)?.[1] ?? 0);
  const before = source.slice(0, at).split('\n');
  return {
    Message: error.message,
    Line: before.length,
    CharacterPosition: (before.at(-1)?.length ?? 0) + 1,
  };
}

function summary(template: SandboxTemplate) {
  const { TemplateId, Name, Alias, Active, TemplateType, LayoutTemplate } = template;
  return { TemplateId, Name, Alias, Active, TemplateType, LayoutTemplate };
}

function findTemplate({ params, context }: RouteRequest): SandboxTemplate {
  const raw = params.ref ?? '';
  const ref = /^\d+$/.test(raw) ? Number(raw) : raw;
  const template = context.templates.find(ref);
  if (template === undefined) {
    const problem = notFound(ref);
    throw unprocessable(problem.errorCode, problem.message);
  }
  return template;
}
