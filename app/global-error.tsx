"use client";

// When even the root layout fails to render: the same message, in a document of its own.
import "./globals.css";
import { UnavailableNotice } from "@/components/errors/unavailable-notice";

export default function GlobalError({ error }: { error: Error & { digest?: string } }) {
  return (
    <html lang="en">
      <body>
        <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-6 py-12">
          <h1 className="mb-4 text-xl font-semibold tracking-tight">Temporarily unavailable</h1>
          <UnavailableNotice reference={error.digest} />
        </main>
      </body>
    </html>
  );
}
