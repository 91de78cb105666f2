import Link from "next/link";
import type { ReactNode } from "react";

// A link for a viewer who may open its target, the same text without one for a viewer who may
// not (the target page would only refuse them).
export function LinkIf({
  allowed,
  href,
  className,
  plainClassName,
  children,
}: {
  allowed: boolean;
  href: string;
  // Link styles; the plain text keeps the same typography (plainClassName, if given).
  className: string;
  plainClassName?: string;
  children: ReactNode;
}) {
  if (allowed)
    return (
      <Link href={href} className={className}>
        {children}
      </Link>
    );
  return plainClassName === undefined ? (
    <>{children}</>
  ) : (
    <span className={plainClassName}>{children}</span>
  );
}
