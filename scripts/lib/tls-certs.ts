// A local certificate authority and a server certificate for localhost, so that the embedded
// PostgreSQL is verified with sslmode=verify-full exactly as a production server would be.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as x509 from "@peculiar/x509";

export interface TlsFiles {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString("base64")
    .replace(/(.{64})/g, "$1\n");
  return `-----BEGIN ${label}-----\n${b64.trimEnd()}\n-----END ${label}-----\n`;
}

export async function ensureTlsFiles(dir: string): Promise<TlsFiles> {
  const files: TlsFiles = {
    caCert: path.join(dir, "ca.crt"),
    serverCert: path.join(dir, "server.crt"),
    serverKey: path.join(dir, "server.key"),
  };
  if (Object.values(files).every((f) => existsSync(f))) return files;
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const now = new Date();
  const notAfter = new Date(now.getTime() + 5 * 365 * 24 * 3600 * 1000);

  const caKeys = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=Tollgate local development CA",
    notBefore: now,
    notAfter,
    keys: caKeys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
    ],
  });

  const serverKeys = await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"]);
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: "02",
    subject: "CN=localhost",
    issuer: ca.subject,
    notBefore: now,
    notAfter,
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: "dns", value: "localhost" },
        { type: "ip", value: "127.0.0.1" },
        { type: "ip", value: "::1" },
      ]),
    ],
  });

  const keyDer = await webcrypto.subtle.exportKey("pkcs8", serverKeys.privateKey);
  writeFileSync(files.caCert, ca.toString("pem") + "\n");
  writeFileSync(files.serverCert, server.toString("pem") + "\n");
  writeFileSync(files.serverKey, pem("PRIVATE KEY", keyDer), { mode: 0o600 });
  return files;
}

export function readCa(files: TlsFiles): string {
  return readFileSync(files.caCert, "utf8");
}
