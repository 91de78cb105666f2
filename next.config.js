/** @type {import('next').NextConfig} */
const production = process.env.NODE_ENV === "production";

// Mirrors lib/security/security-headers.ts (next.config.js cannot import TypeScript); a test
// checks that responses carry them.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  },
  ...(production
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" }]
    : []),
];

const nextConfig = {
  // Lets parallel builds (several worktrees, CI and a developer) keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  // The floating dev indicator adds nothing for this app and is the one piece of dev UI whose
  // styles the CSP would have to make room for.
  devIndicators: false,
  reactStrictMode: true,
  serverExternalPackages: [
    "pino",
    "pino-pretty",
    "pg",
    "ioredis",
    "@prisma/adapter-pg",
    "oidc-provider",
    "@aws-sdk/client-s3",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // API_CSP of lib/security/csp.ts, for the API routes that bypass proxy.ts.
      ...["/api/health", "/api/oauth/token", "/api/update", "/api/downloads/:path*"].map(
        (source) => ({
          source,
          headers: [
            { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
          ],
        }),
      ),
    ];
  },
};

export default nextConfig;
