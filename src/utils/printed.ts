const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * What Node's `util.inspect` (and so `console.log`) prints of a Sender, Server or Account:
 * its name and its `toJSON()`, which holds no token.
 *
 * A base class rather than an `[INSPECT]()` method in each: a bundler must keep a class with
 * a computed method key (it cannot tell the key is harmless), so in one built file every
 * such class stayed in a bundle that never used it (a Server and an Account in a program
 * that only sends). A subclass without one is dropped when unused.
 */
export abstract class Printed {
  /** The name printed before the JSON. */
  protected abstract get printedName(): string;

  abstract toJSON(): Record<string, unknown>;

  [INSPECT](
    _depth: number,
    options: object,
    inspect: (value: unknown, options: object) => string,
  ): string {
    return `${this.printedName} ${inspect(this.toJSON(), options)}`;
  }
}
