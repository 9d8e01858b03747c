import { describe, expect, it } from 'vitest';
import {
  aliasProblem,
  holdsLayoutContent,
  isTemplateAlias,
  templateProblem,
} from '../../src/postmark/index.js';

describe("Postmark's template content rules", () => {
  it('take a Standard template with a name, a subject and one body', () => {
    expect(templateProblem({ Name: 'W', Subject: 'S', TextBody: 'x' })).toBeUndefined();
    expect(templateProblem({ Name: 'W', Subject: 'S', HtmlBody: 'x', TextBody: null })).toBe(
      undefined,
    );
  });

  it('name the first broken rule, by the name the caller gives fields', () => {
    expect(templateProblem({ Subject: 'S', TextBody: 'x' })).toEqual({
      field: 'Name',
      missing: true,
      message: 'Name is required',
    });
    expect(templateProblem({ Name: 'W', TextBody: 'x' }, (f) => f.toLowerCase())).toMatchObject({
      field: 'Subject',
      message: 'subject is required for a Standard template',
    });
    expect(templateProblem({ Name: 'W', TemplateType: 'Layout', HtmlBody: '<p></p>' })).toEqual({
      field: 'HtmlBody',
      missing: false,
      message: 'HtmlBody of a Layout must hold {{{@content}}}, where the content it wraps goes',
    });
  });

  it('a Layout needs no subject, holds {{{@content}}} (spaces allowed) and is not wrapped', () => {
    const layout = { Name: 'L', TemplateType: 'Layout', HtmlBody: '<b>{{{ @content }}}</b>' };
    expect(templateProblem(layout)).toBeUndefined();
    expect(templateProblem({ ...layout, LayoutTemplate: 'other' })?.field).toBe('LayoutTemplate');
    expect(holdsLayoutContent('{{@content}}')).toBe(false);
  });

  it("aliases: ASCII letters, digits, '.', '-' and '_', starting with a letter", () => {
    for (const alias of ['a', 'welcome-v2', 'A.b_c-9']) expect(isTemplateAlias(alias)).toBe(true);
    for (const alias of ['', '9a', '-a', 'a b', 'é', 'a/b'])
      expect(isTemplateAlias(alias)).toBe(false);
    expect(aliasProblem(null)).toBeUndefined();
    expect(aliasProblem('9a')?.message).toBe(
      "Alias '9a' must start with a letter and hold only letters, digits, '.', '-' and '_'",
    );
  });
});
