import * as v from './v.js';

// Postmark's JSON of the Templates API. Loose objects, nullish where Postmark sends null.

export const TemplateTypeSchema = v.string();

/** A template as GET /templates lists it. */
export const PostmarkTemplateSummarySchema = v.looseObject({
  TemplateId: v.number(),
  Name: v.nullish(v.string()),
  Alias: v.nullish(v.string()),
  Active: v.nullish(v.boolean()),
  TemplateType: v.nullish(TemplateTypeSchema),
  LayoutTemplate: v.nullish(v.string()),
});

/** The answer to GET /templates. */
export const PostmarkTemplateListSchema = v.looseObject({
  TotalCount: v.number(),
  Templates: v.array(PostmarkTemplateSummarySchema),
});

/** A template as GET /templates/{idOrAlias} answers it. */
export const PostmarkTemplateSchema = v.looseObject({
  TemplateId: v.number(),
  Name: v.nullish(v.string()),
  Alias: v.nullish(v.string()),
  Subject: v.nullish(v.string()),
  HtmlBody: v.nullish(v.string()),
  TextBody: v.nullish(v.string()),
  AssociatedServerId: v.nullish(v.number()),
  Active: v.nullish(v.boolean()),
  TemplateType: v.nullish(TemplateTypeSchema),
  LayoutTemplate: v.nullish(v.string()),
});

/** What one part (Subject, HtmlBody or TextBody) of POST /templates/validate says. */
export const PostmarkTemplateValidationPartSchema = v.looseObject({
  ContentIsValid: v.boolean(),
  ValidationErrors: v.nullish(
    v.array(
      v.looseObject({
        Message: v.string(),
        Line: v.nullish(v.number()),
        CharacterPosition: v.nullish(v.number()),
      }),
    ),
  ),
  RenderedContent: v.nullish(v.string()),
});

/** The answer to POST /templates/validate. */
export const PostmarkTemplateValidationSchema = v.looseObject({
  AllContentIsValid: v.boolean(),
  Subject: v.nullish(PostmarkTemplateValidationPartSchema),
  HtmlBody: v.nullish(PostmarkTemplateValidationPartSchema),
  TextBody: v.nullish(PostmarkTemplateValidationPartSchema),
  SuggestedTemplateModel: v.nullish(v.record(v.string(), v.unknown())),
});

/** The answer to DELETE /templates/{idOrAlias}. */
export const PostmarkDeletedSchema = v.looseObject({
  ErrorCode: v.number(),
  Message: v.nullish(v.string()),
});

export type PostmarkTemplate = v.InferOutput<typeof PostmarkTemplateSchema>;
export type PostmarkTemplateSummary = v.InferOutput<typeof PostmarkTemplateSummarySchema>;
export type PostmarkTemplateValidation = v.InferOutput<typeof PostmarkTemplateValidationSchema>;
