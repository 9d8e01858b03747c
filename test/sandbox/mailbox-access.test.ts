import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { SandboxContext } from '../../src/sandbox/context.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { mailboxDoor } from '../../src/sandbox/mailbox/door.js';
import { isLoopbackAddress, isLoopbackHost } from '../../src/sandbox/mailbox/loopback.js';
import { browse } from './mailbox-helpers.js';

// Who may see the mailbox: by default this machine only, by its listening address and by the
// Host of each request (DNS rebinding); more only when the user opts in.

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('loopback', () => {
  it('knows the addresses and host names of this machine', () => {
    for (const address of [
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '[::1]',
      'localhost',
      '::ffff:127.0.0.1',
    ])
      expect({ address, loopback: isLoopbackAddress(address) }).toEqual({
        address,
        loopback: true,
      });
    for (const address of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', '128.0.0.1', 'example.com'])
      expect({ address, loopback: isLoopbackAddress(address) }).toEqual({
        address,
        loopback: false,
      });
    for (const host of [
      '127.0.0.1:4000',
      'localhost',
      'LOCALHOST:80',
      'app.localhost:3000',
      '[::1]:4000',
      'localhost.:1',
    ])
      expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: true });
    for (const host of [
      undefined,
      '',
      'rebind.example:4000',
      'localhost.example.com',
      '127.0.0.1.nip.io',
      '[::2]:4000',
      '10.0.0.1',
    ])
      expect({ host, loopback: isLoopbackHost(host) }).toEqual({ host, loopback: false });
  });
});

describe('the mailbox option', () => {
  it('by default serves loopback host names only: another Host is refused (DNS rebinding)', async () => {
    sandbox = await startSandbox();
    expect(sandbox.mailboxUrl).toBe(`${sandbox.url}/mailbox`);
    const port = new URL(sandbox.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      const page = await browse(sandbox.url, '/mailbox', { headers: { Host: host } });
      expect({ host, status: page.status }).toEqual({ host, status: 200 });
    }
    const rebound = await browse(sandbox.url, '/mailbox/api/messages', {
      headers: { Host: `rebind.example:${port}` },
    });
    expect(rebound.status).toBe(403);
    expect(rebound.json().error).toContain("'rebind.example:");
    expect(rebound.json().error).toContain("mailbox: 'always'");
    // Nor does / send that browser to the mailbox: it gets the API's answer.
    const home = await browse(sandbox.url, '/', {
      headers: { Host: `rebind.example:${port}`, Accept: 'text/html' },
    });
    expect(home.status).toBe(404);
  });

  it("'always' serves any host name", async () => {
    sandbox = await startSandbox({ mailbox: 'always' });
    expect(sandbox.mailboxUrl).toBe(`${sandbox.url}/mailbox`);
    const page = await browse(sandbox.url, '/mailbox', { headers: { Host: 'mail.dev.example' } });
    expect(page.status).toBe(200);
  });

  it("'off' serves nothing: /mailbox is an unknown endpoint, as before", async () => {
    sandbox = await startSandbox({ mailbox: 'off' });
    expect(sandbox.mailboxUrl).toBeUndefined();
    const page = await browse(sandbox.url, '/mailbox', { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.json().Message).toBe('No such endpoint: GET /mailbox');
    const home = await browse(sandbox.url, '/', { headers: { Accept: 'text/html' } });
    expect(home.status).toBe(404);
  });

  it('refuses an unknown mode', async () => {
    await expect(startSandbox({ mailbox: 'sometimes' as never })).rejects.toThrow(
      'startSandbox: mailbox must be one of loopback, always, off.',
    );
  });
});

describe('a sandbox that listens beyond loopback', () => {
  // Listening on another interface would open a port to the network, so the door is given
  // that address and served from 127.0.0.1. It refuses before it reads any of the sandbox's
  // state, which is why no context is needed.
  async function serveDoor(mode: 'loopback' | 'always') {
    const door = mailboxDoor(mode, '0.0.0.0', {} as SandboxContext);
    const server = createServer((request, response) => {
      if (!door.take(request, response)) response.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { door, url, close: () => new Promise((resolve) => server.close(resolve)) };
  }

  it('does not serve the mailbox unless told to', async () => {
    const { door, url, close } = await serveDoor('loopback');
    try {
      expect(door.served).toBe(false);
      const page = await browse(url, '/mailbox');
      expect(page.status).toBe(403);
      expect(page.json().error).toBe(
        "The mailbox is served only while the sandbox listens on a loopback address, not 0.0.0.0; start it with { mailbox: 'always' } to serve it there.",
      );
      // The API's requests go on to the API.
      expect((await browse(url, '/', { headers: { Accept: 'text/html' } })).status).toBe(418);
    } finally {
      await close();
    }
  });

  it("serves it with { mailbox: 'always' }", async () => {
    const { door, url, close } = await serveDoor('always');
    try {
      expect(door.served).toBe(true);
      const home = await browse(url, '/', { headers: { Accept: 'text/html' } });
      expect(home.status).toBe(302);
    } finally {
      await close();
    }
  });
});
