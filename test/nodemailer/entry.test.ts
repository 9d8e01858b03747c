import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// Nodemailer is the caller of the transport, never loaded by it: neither the main entry nor
// postmark-fluent/nodemailer reaches Nodemailer's code, so an app without it installs and
// runs the SDK as before.
const root = fileURLToPath(new URL('../../', import.meta.url));

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [`${root}${entry}`],
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    external: ['ky', 'valibot', 'mime-types'],
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

describe('what loads Nodemailer', () => {
  it('the main entry holds none of the transport and none of Nodemailer', async () => {
    const inputs = await inputsOf('src/index.ts');
    expect(inputs.some((path) => path.includes('src/send/sender.ts'))).toBe(true);
    expect(inputs.filter((path) => path.includes('nodemailer'))).toEqual([]);
  });

  it('postmark-fluent/nodemailer holds the transport and still none of Nodemailer', async () => {
    const inputs = await inputsOf('src/nodemailer/index.ts');
    expect(inputs.some((path) => path.includes('src/nodemailer/transport.ts'))).toBe(true);
    expect(inputs.filter((path) => path.includes('node_modules/nodemailer'))).toEqual([]);
  });

  it('would see Nodemailer if a module imported it', async () => {
    const result = await build({
      stdin: { contents: "export { createTransport } from 'nodemailer';", resolveDir: root },
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      logLevel: 'silent',
    });
    expect(
      Object.keys(result.metafile.inputs).some((p) => p.includes('node_modules/nodemailer')),
    ).toBe(true);
  });
});
