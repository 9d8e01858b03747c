import { PostmarkTemplatePushSchema } from '../../schemas/account.js';
import type { Client, RequestOptions } from '../../transport/client.js';
import { camelize } from '../camel.js';
import { field, flag, integer } from '../fields.js';
import { reading } from '../read.js';
import { bodyCall } from './calls.js';

/** What a push does to one template of the source server on the destination. */
export interface TemplatePushAction {
  /** `Create` (the destination has no template with this alias) or `Edit`. */
  readonly action: 'Create' | 'Edit' | (string & {});
  /** The template's id on the destination (absent for a Create not performed). */
  readonly templateId?: number;
  readonly alias?: string;
  readonly name?: string;
  readonly templateType?: string;
}

export interface TemplatePush {
  readonly totalCount: number;
  readonly templates: readonly TemplatePushAction[];
}

export interface TemplatePushInput {
  readonly sourceServerId: number;
  readonly destinationServerId: number;
  /** `false` reports what the push would do and changes nothing; `true` does it. */
  readonly performChanges: boolean;
}

/**
 * The account's template calls: `account.templates`.
 *
 * @example
 * const preview = await account.templates.push({ sourceServerId: 1, destinationServerId: 2, performChanges: false });
 */
export interface AccountTemplatesApi {
  /**
   * Copies the templates of one server to another, matching them by alias: a template the
   * destination has is edited, one it lacks is created. With `performChanges: false` it only
   * reports what it would do, and retries as a read; a push that changes is a write.
   * @example await account.templates.push({ sourceServerId: 1, destinationServerId: 2, performChanges: true });
   */
  push(input: TemplatePushInput, options?: RequestOptions): Promise<TemplatePush>;
}

const serverId = integer(0, Number.MAX_SAFE_INTEGER);
const FIELDS = {
  sourceServerId: field('SourceServerID', serverId, true),
  destinationServerId: field('DestinationServerID', serverId, true),
  performChanges: field('PerformChanges', flag, true),
};

const PushReading = reading(PostmarkTemplatePushSchema, (raw) => camelize<TemplatePush>(raw));

/** The account's Templates API over `client`. @example const templates = createAccountTemplatesApi(client); */
export function createAccountTemplatesApi(client: Client): AccountTemplatesApi {
  const call = (idempotent: boolean) =>
    bodyCall<TemplatePushInput, TemplatePush>(client, '/templates/push', {
      what: 'templates.push()',
      method: 'PUT',
      fields: FIELDS,
      example: '{ sourceServerId: 1, destinationServerId: 2, performChanges: false }',
      schema: PushReading,
      idempotent,
    });
  const preview = call(true);
  const perform = call(false);
  return Object.freeze({
    push: (input: TemplatePushInput, options?: RequestOptions) =>
      (isPreview(input) ? preview : perform)(input, options),
  });
}

// Only an explicit `performChanges: false` is a preview; anything else is checked as a push.
function isPreview(input: unknown): boolean {
  return (
    typeof input === 'object' &&
    input !== null &&
    Object.hasOwn(input, 'performChanges') &&
    (input as TemplatePushInput).performChanges === false
  );
}
