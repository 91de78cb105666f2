// A raw HTTP/1.1 client over TLS for the edge tests: it writes exactly the bytes a test gives
// (duplicate headers, Content-Length and Transfer-Encoding together), which fetch would refuse
// or normalise, and it can pick its source address on the loopback (127.0.0.x) to stand in for
// another network.
import { readFileSync } from "node:fs";
import net from "node:net";
import tls from "node:tls";

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function edgeEnv() {
  const need = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the edge tests with \`npm test -- edge\``);
    return value;
  };
  const url = new URL(need("EDGE_URL"));
  return {
    url,
    port: Number(url.port),
    auditLog: need("EDGE_AUDIT_LOG"),
    accessLog: need("EDGE_ACCESS_LOG"),
    ca: readFileSync(need("NODE_EXTRA_CA_CERTS")),
    appPorts: need("EDGE_APP_PORTS").split(",").map(Number),
  };
}

export function rawRequest(
  head: string,
  body = "",
  options: { localAddress?: string } = {},
): Promise<RawResponse> {
  const { port, ca } = edgeEnv();
  return new Promise((resolve, reject) => {
    const tcp = net.connect({ host: "127.0.0.1", port, localAddress: options.localAddress });
    const socket = tls.connect({ socket: tcp, servername: "localhost", ca }, () =>
      // Not end(): a half-closed client looks gone to nginx, which then drops the request (499).
      socket.write(`${head.replace(/\n/g, "\r\n")}\r\n\r\n${body}`),
    );
    const chunks: Buffer[] = [];
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("latin1");
      const [headText = "", ...rest] = text.split("\r\n\r\n");
      const [statusLine = "", ...headerLines] = headText.split("\r\n");
      const status = Number(statusLine.split(" ")[1]);
      if (!status)
        return reject(new Error(`no HTTP response: ${JSON.stringify(text.slice(0, 200))}`));
      const headers = Object.fromEntries(
        headerLines.map((l) => {
          const i = l.indexOf(":");
          return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
        }),
      );
      resolve({ status, headers, body: rest.join("\r\n\r\n") });
    });
  });
}

// A well-formed request: method, path, extra header lines and an optional body.
export function request(
  method: string,
  target: string,
  o: { headers?: string[]; body?: string; localAddress?: string } = {},
): Promise<RawResponse> {
  const body = o.body ?? "";
  const lines = [
    `${method} ${target} HTTP/1.1`,
    `Host: localhost:${edgeEnv().port}`,
    "Connection: close",
    ...(o.headers ?? []),
    ...(body ? [`Content-Length: ${Buffer.byteLength(body)}`] : []),
  ];
  return rawRequest(lines.join("\n"), body, { localAddress: o.localAddress });
}

export const uniqueId = (label: string) =>
  `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
