// A bare Next.js app: no proxy, no custom server, no logging.
const config = { poweredByHeader: false };

export default config;
