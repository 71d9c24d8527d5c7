import { isIPv4, isIPv6 } from 'node:net';

/** Keeps the network part only: IPv4 /24 (last octet zeroed), IPv6 /48. No full address is ever stored. */
export function truncateIp(ip: string): string | null {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) ip = mapped[1]!;
  if (isIPv4(ip)) return ip.replace(/\.\d+$/, '.0');
  if (isIPv6(ip)) {
    const [head = '', tail] = ip.split('::');
    const left = head ? head.split(':') : [];
    const right = tail ? tail.split(':') : [];
    const groups = tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
    return `${groups
      .slice(0, 3)
      .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
      .join(':')}::`;
  }
  return null;
}

// Crawlers, monitors, headless browsers and HTTP libraries announce themselves in the user agent.
const BOT_UA =
  /bot\b|bot[/;-]|crawl|spider|slurp|mediapartners|facebookexternalhit|headlesschrome|phantomjs|lighthouse|pingdom|uptime|curl\/|wget\/|python-requests|python-urllib|go-http-client|java\/|okhttp|axios\/|node-fetch|undici|scrapy|httpclient/i;

export function isBotUserAgent(ua: string | undefined): boolean {
  if (!ua) return true; // every real browser sends a user agent
  return BOT_UA.test(ua);
}
