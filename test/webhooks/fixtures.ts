import { readFileSync } from 'node:fs';

/** The Postmark payloads of test/fixtures/webhooks, as text and as JSON. */
export const FIXTURES = [
  'delivery',
  'bounce',
  'spam-complaint',
  'open',
  'click',
  'subscription-change',
  'inbound',
] as const;

export type FixtureName = (typeof FIXTURES)[number];

export function fixtureText(name: FixtureName): string {
  return readFileSync(new URL(`../fixtures/webhooks/${name}.json`, import.meta.url), 'utf8');
}

// biome-ignore lint/suspicious/noExplicitAny: Postmark's JSON, read field by field
export function fixture(name: FixtureName, overrides: Record<string, unknown> = {}): any {
  return { ...JSON.parse(fixtureText(name)), ...overrides };
}
