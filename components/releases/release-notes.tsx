import Markdown, { type Components } from "react-markdown";

// Release notes are Markdown written by staff or sent by the build pipeline, and may be shown to
// customers: rendered without raw HTML (react-markdown escapes it; rehype-raw is deliberately not
// used) and with react-markdown's URL filter, which drops javascript: and other unsafe links.
const components: Components = {
  h1: ({ children }) => <h3 className="mt-4 text-lg font-semibold">{children}</h3>,
  h2: ({ children }) => <h3 className="mt-4 text-base font-semibold">{children}</h3>,
  h3: ({ children }) => <h4 className="mt-3 text-sm font-semibold">{children}</h4>,
  p: ({ children }) => <p className="my-2">{children}</p>,
  ul: ({ children }) => <ul className="my-2 list-disc space-y-1 pl-6">{children}</ul>,
  ol: ({ children }) => <ol className="my-2 list-decimal space-y-1 pl-6">{children}</ol>,
  code: ({ children }) => (
    <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em]">{children}</code>
  ),
  pre: ({ children }) => (
    <pre className="my-2 overflow-x-auto rounded-md bg-slate-100 p-3 text-xs">{children}</pre>
  ),
  blockquote: ({ children }) => (
    <blockquote className="my-2 border-l-4 border-slate-200 pl-3 text-slate-600">
      {children}
    </blockquote>
  ),
  a: ({ children, href }) => (
    <a href={href} className="text-brand-700 underline" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ alt }) => <span>{alt ? `[image: ${alt}]` : "[image]"}</span>,
};

export function ReleaseNotes({ markdown }: { markdown: string }) {
  if (!markdown.trim()) return <p className="text-sm text-slate-500">No release notes.</p>;
  return (
    <div className="text-sm leading-6 text-slate-800" data-testid="release-notes">
      <Markdown components={components}>{markdown}</Markdown>
    </div>
  );
}
