import { expect } from 'vitest';
import { isMessageValidationError, type MessageValidationError } from '../../src/index.js';

/** Runs `run`, expects a MessageValidationError, and returns it. */
export function validationError(run: () => unknown): MessageValidationError {
  try {
    run();
  } catch (error) {
    expect(isMessageValidationError(error)).toBe(true);
    return error as MessageValidationError;
  }
  throw new Error('expected a MessageValidationError, but nothing was thrown');
}
