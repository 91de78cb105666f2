// The baseline of docs/benchmarks.md: a bare Next.js route handler, built with the same Next
// version as Tollgate, answering what Tollgate's health route answers.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
