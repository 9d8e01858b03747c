import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';
import ts from 'typescript';

// The package says it has no side effects (package.json "sideEffects": false): importing a
// module only defines things. A bundler believes that of whole modules, but inside one file
// (dist/index.js is a few large chunks) it keeps every top-level `const X = call(...)`, since
// it cannot know the call is harmless, and with it everything the call reaches: a program
// that sends would carry every schema and table of the server and account API.
// So the build marks the calls in top-level initializers `/* @__PURE__ */`, the annotation
// bundlers read as "drop this if its value is unused". Calls inside functions, and top-level
// statements that are not declarations, are left alone. test/architecture/bundle.test.ts
// holds the built files to it.

/** The source with every call and `new` of its top-level initializers marked pure. */
export function markTopLevelPure(fileName: string, source: string): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const starts = new Set<number>();
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return; // runs later, if ever
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) starts.add(node.getStart(file));
    ts.forEachChild(node, visit);
  };
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations)
      if (declaration.initializer) visit(declaration.initializer);
  }
  let out = source;
  for (const start of [...starts].sort((a, b) => b - a))
    out = `${out.slice(0, start)}/* @__PURE__ */ ${out.slice(start)}`;
  return out;
}

/** An esbuild plugin applying `markTopLevelPure` to the package's own TypeScript. */
export const pureTopLevel: Plugin = {
  name: 'pure-top-level',
  setup(build) {
    build.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => ({
      contents: markTopLevelPure(args.path, await readFile(args.path, 'utf8')),
      loader: 'ts',
    }));
  },
};
