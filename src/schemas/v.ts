// valibot, with its object schemas made safe from a polluted Object.prototype: valibot walks
// an object schema's entries with for-in, which also walks what a polluted prototype added
// (`Object.prototype.fetch = ...` would become an entry and break every check). The entries
// are copied into objects without a prototype; everything else is valibot as it is.
import * as valibot from 'valibot';

export * from 'valibot';

function ownEntries<T extends object>(entries: T): T {
  return Object.assign(Object.create(null), entries);
}

export const looseObject = ((entries: valibot.ObjectEntries, message?: never) =>
  valibot.looseObject(ownEntries(entries), message)) as typeof valibot.looseObject;

export const strictObject = ((entries: valibot.ObjectEntries, message?: never) =>
  valibot.strictObject(ownEntries(entries), message)) as typeof valibot.strictObject;

export const object = ((entries: valibot.ObjectEntries, message?: never) =>
  valibot.object(ownEntries(entries), message)) as typeof valibot.object;
