// The readable API reference: every operation of /api/openapi.json with its authentication,
// parameters and schemas. Server-rendered, no client code.
import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page";
import { apiDocument } from "@/lib/openapi/api-document";
import { referenceOperations, type ReferenceBody } from "@/lib/openapi/reference-view";
import type { JsonSchema } from "@/lib/openapi/registry";

export const metadata: Metadata = { title: "API reference" };

const METHOD_TONE = {
  GET: "green",
  POST: "blue",
  PUT: "amber",
  PATCH: "amber",
  DELETE: "red",
} as const;

function Schema({ body, label }: { body: ReferenceBody; label: string }) {
  return (
    <details className="mt-2 rounded border border-slate-200 bg-slate-50">
      <summary className="cursor-pointer px-3 py-1.5 text-xs font-medium text-slate-700">
        {label} <code>{body.contentType}</code>
      </summary>
      {body.schema ? (
        <pre className="overflow-x-auto px-3 pb-3 text-xs leading-relaxed">{body.schema}</pre>
      ) : (
        <p className="px-3 pb-3 text-xs text-slate-600">Binary content.</p>
      )}
    </details>
  );
}

export default function ApiReferencePage() {
  const document = apiDocument();
  const info = (document.info ?? {}) as JsonSchema;
  const operations = referenceOperations(document);
  const components = (document.components as JsonSchema | undefined)?.schemas as
    JsonSchema | undefined;
  const tags = [...new Set(operations.map((o) => o.tag))];

  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <PageHeader
        title="Tollgate API reference"
        description={
          <>
            Version {String(info.version)}. Machine-readable:{" "}
            <Link className="underline" href="/api/openapi.json">
              /api/openapi.json
            </Link>{" "}
            (OpenAPI 3.1).
          </>
        }
      />
      <p className="mb-6 max-w-3xl text-sm text-slate-700">{String(info.description ?? "")}</p>
      <nav
        aria-label="Operations"
        className="mb-8 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      >
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {operations.map((op) => (
            <li key={op.anchor}>
              <a className="hover:underline" href={`#${op.anchor}`}>
                <span className="font-mono text-xs">{op.method}</span> {op.path}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tags.map((tag) => (
        <section key={tag} className="mb-10">
          <h2 className="mb-4 text-xl font-semibold">{tag}</h2>
          <div className="space-y-6">
            {operations
              .filter((op) => op.tag === tag)
              .map((op) => (
                <article
                  key={op.anchor}
                  id={op.anchor}
                  className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
                >
                  <h3 className="flex flex-wrap items-center gap-2 font-mono text-sm">
                    <Badge tone={METHOD_TONE[op.method as keyof typeof METHOD_TONE] ?? "slate"}>
                      {op.method}
                    </Badge>
                    <span>{op.path}</span>
                  </h3>
                  <p className="mt-2 font-medium">{op.summary}</p>
                  {op.description ? (
                    <p className="mt-1 text-sm text-slate-700">{op.description}</p>
                  ) : null}
                  <p className="mt-2 text-sm">
                    <span className="font-medium">Authentication:</span> {op.auth.join(" or ")}
                  </p>
                  {op.parameters.length ? (
                    <table className="mt-3 w-full text-left text-sm">
                      <thead className="text-xs uppercase text-slate-500">
                        <tr>
                          <th className="py-1 pr-3">Parameter</th>
                          <th className="py-1 pr-3">In</th>
                          <th className="py-1">Description</th>
                        </tr>
                      </thead>
                      <tbody>
                        {op.parameters.map((p) => (
                          <tr key={`${p.in}-${p.name}`} className="border-t border-slate-100">
                            <td className="py-1 pr-3 font-mono text-xs">
                              {p.name}
                              {p.required ? " *" : ""}
                            </td>
                            <td className="py-1 pr-3">{p.in}</td>
                            <td className="py-1">{p.description}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : null}
                  {op.requestBody.map((body) => (
                    <Schema key={body.contentType} body={body} label="Request body" />
                  ))}
                  <h4 className="mt-4 text-sm font-medium">Responses</h4>
                  <ul className="mt-1 space-y-2 text-sm">
                    {op.responses.map((r) => (
                      <li key={r.status}>
                        <span className="font-mono">{r.status}</span> {r.description}
                        {r.headers.length ? (
                          <span className="text-slate-600">
                            {" "}
                            — headers: {r.headers.map((h) => h.name).join(", ")}
                          </span>
                        ) : null}
                        {r.bodies.map((b) =>
                          b.ref ? (
                            <span key={b.contentType} className="text-slate-600">
                              {" "}
                              — <code>{b.contentType}</code>,{" "}
                              <a className="underline" href={`#schema-${b.ref}`}>
                                {b.ref}
                              </a>
                            </span>
                          ) : b.schema ? (
                            <Schema key={b.contentType} body={b} label="Body" />
                          ) : null,
                        )}
                      </li>
                    ))}
                  </ul>
                </article>
              ))}
          </div>
        </section>
      ))}
      <section className="mb-10">
        <h2 className="mb-4 text-xl font-semibold">Shared schemas</h2>
        {Object.entries(components ?? {}).map(([name, schema]) => (
          <div
            key={name}
            id={`schema-${name}`}
            className="mb-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
          >
            <h3 className="font-mono text-sm font-semibold">{name}</h3>
            <pre className="mt-2 overflow-x-auto text-xs leading-relaxed">
              {JSON.stringify(schema, null, 2)}
            </pre>
          </div>
        ))}
      </section>
    </main>
  );
}
