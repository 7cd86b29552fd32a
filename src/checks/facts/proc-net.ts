/**
 * TCP sockets in LISTEN state from /proc/net/tcp and /proc/net/tcp6, as `address:port`. The kernel
 * prints addresses as hex words in host byte order (little-endian here).
 */
const EMBEDDED_DNS = '127.0.0.11';

export function parseProcNet(lines: string[]): { address: string; port: number }[] {
  const out: { address: string; port: number }[] = [];
  for (const line of lines) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || cols[3] !== '0A') continue;
    const [hexAddr, hexPort] = (cols[1] ?? '').split(':');
    if (!hexAddr || !hexPort) continue;
    const address = hexAddr.length === 8 ? ipv4(hexAddr) : hexAddr.length === 32 ? ipv6(hexAddr) : null;
    // 127.0.0.11 is Docker's embedded DNS server in every container on a user-defined network,
    // not the container's program: listing it would send a student looking for a listener they never made.
    if (address && address !== EMBEDDED_DNS) out.push({ address, port: parseInt(hexPort, 16) });
  }
  return out;
}

const bytesLE = (word: string): number[] => [6, 4, 2, 0].map((i) => parseInt(word.slice(i, i + 2), 16));

const ipv4 = (hex: string): string => bytesLE(hex).join('.');

function ipv6(hex: string): string {
  const bytes = [0, 8, 16, 24].flatMap((i) => bytesLE(hex.slice(i, i + 8)));
  if (bytes.every((b) => b === 0)) return '::';
  if (bytes.slice(0, 15).every((b) => b === 0) && bytes[15] === 1) return '::1';
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':');
}
