// Accepting an update answer: the X-Tollgate-Signature header must verify over the exact body
// bytes with a pinned key; the body must be a tollgate-update-answer-v1 made for this client and
// this machine, echo the nonce this request sent (a replayed answer carries an old one), and not
// have expired (a stale or frozen answer). Only then is it parsed into data the agent acts on.
import type { KeyObject } from "node:crypto";
import { parseSignatureHeader } from "../lib/updates/answer-signature";
import {
  UPDATE_ANSWER_FORMAT,
  updateAnswerSchema,
  type UpdateAnswer,
} from "../lib/updates/update-check.schema";
import { AgentError, EXIT } from "./errors";
import { verifiedByPinnedKey } from "./keys";

// Clock skew tolerated on issuedAt (an answer "from the future" beyond this is refused).
const MAX_SKEW_MS = 5 * 60_000;

export interface AnswerExpectations {
  keys: readonly KeyObject[];
  clientId: string;
  machineId: string;
  nonce: string;
  now?: Date;
}

const reject = (why: string) =>
  new AgentError(EXIT.ANSWER_REJECTED, `Refusing the update answer: ${why}.`);

export function verifyAnswer(
  body: Uint8Array,
  signatureHeader: string | null,
  expected: AnswerExpectations,
): UpdateAnswer {
  const signed = parseSignatureHeader(signatureHeader);
  if (!signed) throw reject("it carries no valid X-Tollgate-Signature header");
  if (!verifiedByPinnedKey(body, signed.signature, expected.keys)) {
    throw reject(
      "its signature does not verify with the pinned public key (tampered, or signed by another key)",
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch {
    throw reject("it is not JSON");
  }
  const result = updateAnswerSchema.safeParse(parsed);
  if (!result.success) throw reject("it is not a tollgate-update-answer-v1 document");
  const answer = result.data;
  if (answer.format !== UPDATE_ANSWER_FORMAT) throw reject("wrong format");
  if (answer.keyId !== signed.keyId) throw reject("the signing key id does not match the answer's");
  if (answer.client !== expected.clientId) throw reject("it was made for another client");
  if (answer.machine !== expected.machineId) throw reject("it was made for another machine");
  if (answer.nonce !== expected.nonce)
    throw reject("it does not echo this request's nonce (a replayed answer)");
  const now = (expected.now ?? new Date()).getTime();
  if (Date.parse(answer.expiresAt) <= now)
    throw reject(`it expired at ${answer.expiresAt} (stale)`);
  if (Date.parse(answer.issuedAt) > now + MAX_SKEW_MS)
    throw reject("it claims to be issued in the future");
  return answer;
}
