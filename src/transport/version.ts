/**
 * This package's version, for the User-Agent header. Hardcoded because importing
 * package.json does not work on every runtime the main entry supports; a unit test keeps
 * it equal to package.json's.
 */
export const VERSION = '0.1.0';

/** The User-Agent every request carries, so Postmark support can tell which client sent it. */
export const USER_AGENT = `postmark-fluent/${VERSION}`;
