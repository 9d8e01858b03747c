// Entry for Node, Bun and Deno: `<runtime> smoke-cli.mjs <url> <token> <fixture>`; prints JSON.
import { smoke } from './smoke.mjs';

const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const [url, token, fixturePath] = args;
const results = await smoke({ url, token, fixturePath });
console.log(JSON.stringify({ runtime: runtimeName(), results }));

function runtimeName() {
  if (globalThis.Deno) return `deno ${globalThis.Deno.version.deno}`;
  if (globalThis.Bun) return `bun ${globalThis.Bun.version}`;
  return `node ${process.versions.node}`;
}
