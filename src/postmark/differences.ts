// Where the SDK is stricter than Postmark on purpose. Postmark (and so the sandbox, which
// answers as Postmark does) takes these messages; the SDK refuses them because they are
// almost always a mistake of the caller's. Everywhere else the two apply the same rules,
// and test/postmark/agreement.test.ts holds them to it.

/** Validation issue codes the SDK raises and Postmark does not, each with the reason. */
export const CLIENT_ONLY_REASONS: Readonly<Record<string, string>> = Object.freeze({
  'message.unknownField':
    'Postmark ignores a field it does not know; the SDK refuses it, because a misspelt field (`Subjct`) would otherwise be dropped without a word',
  'content.both':
    'Postmark ignores TextBody and HtmlBody on /email/withTemplate; the SDK refuses them, because the caller expected them to be sent',
  'template.subject':
    'Postmark ignores Subject on /email/withTemplate (the template has one); the SDK refuses it for the same reason',
  'template.missing':
    "Postmark's /email ignores TemplateModel and InlineCss (fields of /email/withTemplate, unknown to /email); the SDK refuses them on a message without a TemplateId or TemplateAlias, because the caller meant to send a template and would get a plain message instead",
  'metadata.reservedKey':
    'Postmark takes "__proto__" as a metadata key; JavaScript objects cannot hold it safely, so the SDK refuses it rather than drop it (its value is checked as any other: only the key is left to the client)',
});

export const CLIENT_ONLY_RULES: ReadonlySet<string> = new Set(Object.keys(CLIENT_ONLY_REASONS));
