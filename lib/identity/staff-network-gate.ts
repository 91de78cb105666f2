import type { NextRequest } from "next/server";

// Replaced by the staff identity work: the VPN/IP allowlist for /admin and staff APIs.
export async function staffNetworkGate(_request: NextRequest, _requestId: string): Promise<Response | null> {
  return null;
}
