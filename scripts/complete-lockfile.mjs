// Adds lock entries for optional platform packages (e.g. @biomejs/cli-win32-x64) that the
// registry mirror this project is built on does not serve. npm leaves such packages out of
// package-lock.json, and `npm ci` then refuses the lock as out of sync. Each added entry
// carries the os/cpu/libc its name encodes, so npm skips it on other platforms without
// fetching it, exactly as with a lock written against the public registry.
// Run after any `npm install`: node scripts/complete-lockfile.mjs [path/to/package-lock.json ...]
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORM =
  /(?:^|-)(android|darwin|freebsd|linux|netbsd|openbsd|openharmony|sunos|win32|aix)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x|mips64el)(?:-(gnu|glibc|musl|gnueabihf|musleabihf|msvc|eabi))?$/;

function platformOf(name) {
  const match = PLATFORM.exec(name.split('/').pop());
  if (!match) return undefined;
  const [, os, cpu, abi] = match;
  const libc =
    abi === 'musl' || abi === 'musleabihf'
      ? 'musl'
      : abi === 'gnu' || abi === 'glibc' || abi === 'gnueabihf'
        ? 'glibc'
        : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

for (const file of process.argv.slice(2).length ? process.argv.slice(2) : ['package-lock.json']) {
  const lock = JSON.parse(readFileSync(file, 'utf8'));
  let added = 0;
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
      if (lock.packages[nested] || lock.packages[`node_modules/${name}`]) continue;
      const platform = platformOf(name);
      if (!platform) continue; // not a platform package: leave npm's decision alone
      lock.packages[`node_modules/${name}`] = {
        version,
        ...(entry.dev ? { dev: true } : {}),
        optional: true,
        ...platform,
      };
      added++;
    }
  }
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
    ),
  );
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`${file}: added ${added} platform entries`);
}
