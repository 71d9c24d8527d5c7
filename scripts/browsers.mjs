// Finds Debian's Chromium and Firefox ESR (or CHROME_PATH / FIREFOX_PATH). Tests never download a browser.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CANDIDATES = {
  chromium: [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'],
  firefox: [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'],
};
const PACKAGES = { chromium: 'chromium', firefox: 'firefox-esr' };

function find(name) {
  return CANDIDATES[name].find((path) => path && existsSync(path));
}

/** Paths of both browsers; undefined where one is missing. */
export function findBrowsers() {
  return { chromium: find('chromium'), firefox: find('firefox') };
}

/** Whether missing Debian packages can be installed here: as root, with apt-get. */
const canApt = () => typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');

/** Installs Debian packages (package lists refreshed first), without questions. */
function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env });
}

/**
 * Makes sure both browsers exist: installs the missing Debian packages when running as root on
 * Debian, otherwise fails with the exact command to run.
 */
export function ensureBrowsers({ log = console.log } = {}) {
  const missing = Object.keys(CANDIDATES).filter((name) => !find(name));
  if (missing.length === 0) return findBrowsers();
  const packages = missing.map((name) => PACKAGES[name]);
  if (!canApt()) {
    throw new Error(
      `Browser tests need ${packages.join(' and ')}. Install with:\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}\n` +
        'or point CHROME_PATH / FIREFOX_PATH at existing binaries.',
    );
  }
  log(`Installing ${packages.join(', ')} (Debian packages; needed by the browser tests)…`);
  aptInstall(packages);
  const after = findBrowsers();
  if (!after.chromium || !after.firefox)
    throw new Error(`Installing ${packages.join(' ')} did not provide the browsers.`);
  return after;
}

/**
 * Screenshots show the shop in Chinese too: without a CJK font its text is drawn as empty boxes.
 * Installs Debian's small WenQuanYi Micro Hei when no font covers Chinese (as root on Debian),
 * otherwise warns with the command; nothing else depends on it.
 */
export function ensureCjkFont({ log = console.log } = {}) {
  const covered = () => {
    try {
      return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim() !== '';
    } catch {
      return false;
    }
  };
  if (covered()) return true;
  if (!canApt()) {
    log(
      'No font covers Chinese: its screenshots will show boxes. Install one with:\n  sudo apt-get install -y fonts-wqy-microhei',
    );
    return false;
  }
  log('Installing fonts-wqy-microhei (a Chinese font, for the zh-CN screenshots)…');
  aptInstall(['fonts-wqy-microhei']);
  return covered();
}

/**
 * Flags for headless Chromium here: root needs --no-sandbox; the closed network makes Chromium's
 * background services fail noisily, so they are off.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Debian's headless Chromium through puppeteer-core, with the flags above (for the scripts here). */
export async function launchChromium() {
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer.launch({ executablePath: findBrowsers().chromium, headless: true, args: CHROMIUM_ARGS });
}
