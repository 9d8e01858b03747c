// camelCase field names of the SDK → the names Postmark's JSON uses, so a problem found in a
// JSON file is reported by the name its author wrote.
const POSTMARK_NAMES: Readonly<Record<string, string>> = {
  from: 'From',
  to: 'To',
  cc: 'Cc',
  bcc: 'Bcc',
  replyTo: 'ReplyTo',
  subject: 'Subject',
  text: 'TextBody',
  html: 'HtmlBody',
  tag: 'Tag',
  metadata: 'Metadata',
  headers: 'Headers',
  attachments: 'Attachments',
  trackOpens: 'TrackOpens',
  trackLinks: 'TrackLinks',
  stream: 'MessageStream',
  template: 'TemplateAlias',
  templateModel: 'TemplateModel',
  inlineCss: 'InlineCss',
  name: 'Name',
  value: 'Value',
  content: 'Content',
  contentType: 'ContentType',
  contentId: 'ContentID',
};

/** `attachments[0].contentId` → `Attachments[0].ContentID`; metadata keys are kept as written. */
export function toPostmarkPath(path: string): string {
  const [head, ...rest] = path.split('.');
  const translate = (segment: string) =>
    segment.replace(/^[A-Za-z]+/, (word) => POSTMARK_NAMES[word] ?? word);
  if (head === 'metadata') return ['Metadata', ...rest].join('.');
  return [head, ...rest].map((segment) => translate(segment ?? '')).join('.');
}
