// Browser tests drive Debian's Chromium (Playwright cannot download its own browser
// on the machines we test on). On a fresh machine run as root, install it; otherwise
// say exactly what is missing instead of failing later inside a test.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const executable = process.env.FOOTFALL_CHROMIUM || '/usr/bin/chromium';

if (!existsSync(executable)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`${executable} not found: installing Debian's chromium package…`);
    execFileSync('/usr/bin/apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('/usr/bin/apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  } else {
    console.error(
      `Browser tests need Chromium at ${executable}. Install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
        'or point FOOTFALL_CHROMIUM at a Chromium or Chrome executable.',
    );
    process.exit(1);
  }
}
