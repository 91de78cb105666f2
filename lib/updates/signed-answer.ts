// The update answer as an HTTP response: the body is serialised once, and those exact bytes are
// what the X-Tollgate-Signature header signs (answer-signature.ts).
import { signBytes } from "@/lib/signing/sign-bytes";
import { formatSignatureHeader } from "./answer-signature";
import { SIGNATURE_HEADER, type UpdateAnswer } from "./update-check.schema";

export function signedAnswerResponse(answer: UpdateAnswer): Response {
  const body = JSON.stringify(answer);
  const signed = signBytes(body);
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      [SIGNATURE_HEADER]: formatSignatureHeader(signed),
    },
  });
}
