// Runs once when the server starts (Node.js runtime only).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkEnvironment } = await import("@/lib/startup/check-environment");
    checkEnvironment();
    const { startBackgroundWork } = await import("@/lib/startup/background-work");
    startBackgroundWork();
  }
}
