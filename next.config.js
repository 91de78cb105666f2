/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (several worktrees, CI and a developer) keep separate outputs.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["pino", "pino-pretty", "pg", "ioredis", "@prisma/client", "@prisma/adapter-pg"],
  typedRoutes: false,
};

export default nextConfig;
