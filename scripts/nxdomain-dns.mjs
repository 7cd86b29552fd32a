// nxdomain-dns.mjs <address> : a DNS server that answers every query "no such name" (NXDOMAIN).
// The Engine 26.1 leg's network namespace has no way out, so the engine's embedded DNS would forward
// names it does not know (another network's container, a typo) to an unreachable server and time
// out; on a machine with a resolver those get NXDOMAIN at once ("no such host"), and the checks and
// `dojo diagnose` read that. provision-engine26.sh starts this in the namespace and passes --dns.
import { createSocket } from 'node:dgram';

const address = process.argv[2] ?? '127.0.0.1';
const server = createSocket('udp4');
server.on('message', (query, peer) => {
  if (query.length < 12) return;
  const reply = Buffer.from(query);
  // QR=1, opcode and RD copied, RA=1, RCODE=3 (NXDOMAIN); no answers, authority or additional records.
  reply[2] = 0x80 | (query[2] & 0x79);
  reply[3] = 0x80 | 0x03;
  reply.writeUInt16BE(0, 6);
  reply.writeUInt16BE(0, 8);
  reply.writeUInt16BE(0, 10);
  // Only the question section stays: the first name plus QTYPE/QCLASS.
  let end = 12;
  while (end < reply.length && reply[end] !== 0) end += reply[end] + 1;
  server.send(reply.subarray(0, Math.min(reply.length, end + 5)), peer.port, peer.address);
});
server.bind(53, address);
