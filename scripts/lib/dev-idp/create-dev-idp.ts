// The local development OpenID Connect identity provider: oidc-provider behind a plain node http
// server, with our own login form in front of it (see interaction-routes.ts). Development and
// tests only: it knows a fixed demo directory with one shared password.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Provider } from "oidc-provider";
import { handleInteraction, type InteractionAction } from "./interaction-routes";
import { renderErrorPage } from "./login-page";
import { providerConfiguration, type DevIdpClient } from "./provider-config";
import { loadSigningJwks } from "./signing-keys";

export type DevIdpOptions = {
  issuer: string;
  port: number;
  clients: DevIdpClient[];
  /** Keep the signing key here across restarts; a fresh key per start without it. */
  keysDir?: string;
  /** One line per sign-in; defaults to the console. */
  log?: (line: string) => void;
};

export type DevIdp = { listen(): Promise<void>; close(): Promise<void> };

const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/;

export function createDevIdp(options: DevIdpOptions): DevIdp {
  const log = options.log ?? ((line: string) => console.log(line));
  const provider = new Provider(
    options.issuer,
    providerConfiguration(options.clients, loadSigningJwks(options.keysDir)),
  );
  // Plain http on localhost, no proxy in front: never trust X-Forwarded-* here.
  provider.proxy = false;
  const oidc = provider.callback();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const { pathname } = new URL(req.url ?? "/", options.issuer);
    const match = INTERACTION_PATH.exec(pathname);
    if (!match?.[1]) return void oidc(req, res);
    const action: InteractionAction =
      match[2] === "login" || match[2] === "abort" ? match[2] : "show";
    handleInteraction(provider, req, res, match[1], action, log).catch((error: unknown) => {
      // Expired or foreign interaction cookies land here; the user just starts again.
      const message = error instanceof Error ? error.message : "sign-in failed";
      if (res.headersSent) return void res.end();
      res.writeHead(400, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
      });
      res.end(renderErrorPage(message));
    });
  };

  // localhost may resolve to either loopback family, so answer on both (::1 only if the host has it).
  const servers: Server[] = [];
  const listenOn = (host: string) =>
    new Promise<void>((resolve, reject) => {
      const server = createServer(handle);
      server.once("error", reject);
      server.listen(options.port, host, () => {
        servers.push(server);
        resolve();
      });
    });

  return {
    async listen() {
      try {
        await listenOn("127.0.0.1");
        await listenOn("::1").catch((error: NodeJS.ErrnoException) => {
          if (error.code !== "EADDRNOTAVAIL" && error.code !== "EAFNOSUPPORT") throw error;
        });
      } catch (error) {
        await this.close();
        throw error;
      }
    },
    async close() {
      await Promise.all(
        servers.splice(0).map(
          (server) =>
            new Promise<void>((resolve, reject) => {
              server.close((error) => (error ? reject(error) : resolve()));
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
