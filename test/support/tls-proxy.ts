// A TLS endpoint in front of the real engine, as a remote `dockerd --tlsverify` presents itself:
// certificates made with openssl (a CA, a server certificate for 127.0.0.1, a client certificate),
// client certificates required, every connection piped to the local engine's socket.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:tls';

export interface TlsEngine { url: string; certDir: string; otherCaDir: string; close(): Promise<void> }

const openssl = (cwd: string, ...args: string[]) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

function makeCa(dir: string, name: string) {
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', 'ca-key.pem', '-out', 'ca.pem');
}
function makeCert(dir: string, name: string, ext: string) {
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`);
  openssl(dir, 'x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.pem`);
}

export async function startTlsEngine(socket = '/var/run/docker.sock'): Promise<TlsEngine> {
  const dir = mkdtempSync(join(tmpdir(), 'dojo-tls-'));
  makeCa(dir, 'dojo test CA');
  makeCert(dir, 'server', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  makeCert(dir, 'client', 'extendedKeyUsage=clientAuth\n');
  // What a student's DOCKER_CERT_PATH holds: the CA, their client certificate and key.
  const certDir = mkdtempSync(join(tmpdir(), 'dojo-certs-'));
  writeFileSync(join(certDir, 'ca.pem'), readFileSync(join(dir, 'ca.pem')));
  writeFileSync(join(certDir, 'cert.pem'), readFileSync(join(dir, 'client.pem')));
  writeFileSync(join(certDir, 'key.pem'), readFileSync(join(dir, 'client-key.pem')));
  // The same client certificate, but a CA that did not sign the server: must be refused.
  const otherCaDir = mkdtempSync(join(tmpdir(), 'dojo-certs-other-'));
  makeCa(otherCaDir, 'another CA');
  writeFileSync(join(otherCaDir, 'cert.pem'), readFileSync(join(dir, 'client.pem')));
  writeFileSync(join(otherCaDir, 'key.pem'), readFileSync(join(dir, 'client-key.pem')));

  const server: Server = createServer({
    key: readFileSync(join(dir, 'server-key.pem')),
    cert: readFileSync(join(dir, 'server.pem')),
    ca: readFileSync(join(dir, 'ca.pem')),
    requestCert: true,
    rejectUnauthorized: true,
  }, (client) => {
    const engine = connect(socket);
    client.pipe(engine).pipe(client);
    const end = () => { client.destroy(); engine.destroy(); };
    client.on('error', end);
    engine.on('error', end);
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `tcp://127.0.0.1:${port}`,
    certDir,
    otherCaDir,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
