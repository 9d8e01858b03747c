// A throwaway PostgreSQL server for tests and the bench: initdb into a temporary folder, a
// free port on 127.0.0.1, stopped and deleted at the end. Real PostgreSQL, no mock: the
// outbox's guarantees rest on its locking, its transactions and its clock.
//
// Plain JavaScript (with postgres.d.mts beside it) so that bench/, which runs under plain
// Node, can use it too. The binaries come from the machine's PostgreSQL packages
// (scripts/ensure-postgres.sh installs them for `npm test` when they are missing).
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The folder holding initdb, pg_ctl and postgres: the newest /usr/lib/postgresql/N/bin, else PATH. */
export function postgresBinaries() {
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((name) => /^\d+$/.test(name) && existsSync(join(debian, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) were not found: run scripts/ensure-postgres.sh (npm test does) or install the postgresql package',
  );
}

// PostgreSQL refuses to run as root: then the server runs as the `postgres` user, which the
// Debian package creates, and owns the temporary folder.
function account() {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    throw new Error('running as root, but there is no "postgres" user to run PostgreSQL as');
  }
}

function command(user, program, args) {
  return user ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a fresh server; resolves to `{ url, port, stop() }`. `url` connects as the
 * superuser `postgres` (trust authentication, loopback only) to the database `postgres`.
 */
export async function startPostgres() {
  const bin = postgresBinaries();
  const user = account();
  const dir = mkdtempSync(join(tmpdir(), 'postmark-fluent-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const exec = (program, args) => run(...command(user, join(bin, program), args));

  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      execFileSync(...command(user, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']), {
        stdio: 'ignore',
      });
    } catch {
      // Not running (it never started, or it is gone already).
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test run that ends without calling stop() must not leave a server behind.
  process.once('exit', stopNow);

  try {
    await exec('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ]);
    // Another process may take the free port before the server binds it: try a few.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const options = [
        `-p ${port}`,
        `-k ${dir}`,
        '-c listen_addresses=127.0.0.1',
        // Thrown away at the end: durability buys nothing here, and costs the shared disk.
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
      ].join(' ');
      try {
        await exec('pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
      } catch (error) {
        if (attempt < 3) continue;
        const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
        throw new Error(`PostgreSQL did not start: ${error.message}\n${tail}`);
      }
      return {
        url: `postgres://postgres@127.0.0.1:${port}/postgres`,
        port,
        async stop() {
          if (stopped) return;
          process.removeListener('exit', stopNow);
          stopped = true;
          try {
            await exec('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        },
      };
    }
  } catch (error) {
    process.removeListener('exit', stopNow);
    stopNow();
    throw error;
  }
}
