// What the upload form says when the upload route refuses a file: the server's problem+json
// detail where it is written for people, a plainer sentence where it is not.

export interface UploadProblem {
  code?: string;
  detail?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
}

export function uploadErrorMessage(status: number, problem: UploadProblem | null): string {
  const detail = problem?.detail;
  if (status === 0) {
    return "The upload did not reach the server (network error or connection closed). Check your connection and try again.";
  }
  if (status === 422 && problem?.errors?.some((e) => e.path === "sha256")) {
    return "Checksum mismatch: the file the server received does not have the SHA-256 your browser computed, so it was discarded and nothing was stored. The file may have changed on disk or been damaged in transit; try the upload again.";
  }
  if (status === 401) return "Your session has ended. Sign in again, then retry the upload.";
  if (status === 403) return detail ?? "You are not allowed to upload artifacts.";
  if (status === 413) return detail ?? "The file is larger than the server accepts.";
  if (status === 429) return "Too many requests. Wait a minute, then try again.";
  // The server's 400 details say what to fix in words; its field paths are header names.
  if (status === 400) return detail ?? "The upload was refused. Check the file and try again.";
  if (status < 500 && detail) return detail;
  const reference = problem?.requestId
    ? ` Quote request id ${problem.requestId} when reporting it.`
    : "";
  return `The upload failed on the server (status ${status}).${reference}`;
}
