// GET /.well-known/tollgate-signing-keys.json: the release-signing public keys (docs/signing.md).
export { GET } from "@/app/api/signing-keys/route";

export const dynamic = "force-dynamic";
