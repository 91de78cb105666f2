// Exit codes of tollgate-agent (documented in agent/README.md). Each failure class has its own,
// so a supervisor can tell "the server said no" from "the answer could not be trusted".
export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  SERVER: 3,
  ANSWER_REJECTED: 4,
  ARTIFACT_REJECTED: 5,
  REFUSED: 6,
  INSTALL: 7,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

// `code` names the failure in install reports (POST /api/update/events), e.g. checksum_mismatch.
export class AgentError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly code: string = "agent_error",
  ) {
    super(message);
    this.name = "AgentError";
  }
}
