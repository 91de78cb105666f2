import type { Metadata } from "next";
import { SecurityKeyButton } from "@/components/identity/security-key-button";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/page";
import { requireStaffPage } from "@/lib/identity/page-guards";
import { firstParam, safeNextPath, type SearchParams } from "@/lib/identity/requested-path";
import { hasSecurityKey } from "@/lib/identity/webauthn/has-security-key";

export const metadata: Metadata = { title: "Confirm it's you" };

export default async function StepUpPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireStaffPage();
  const next = safeNextPath(firstParam((await searchParams).next), "/admin");
  const hasKey = await hasSecurityKey(actor.userId);
  return (
    <>
      <PageHeader
        title="Confirm it's you"
        description="Sensitive actions need a fresh security key check (within the last few minutes)."
      />
      <Card>
        {hasKey ? (
          <SecurityKeyButton ceremony="step-up" next={next} label="Confirm with security key" />
        ) : (
          <div className="space-y-3 text-sm text-slate-600">
            <p>
              Your sign-in was confirmed by your identity provider, but sensitive actions need a
              security key registered here.
            </p>
            <a
              className={buttonClass()}
              href={`/mfa/enroll?next=${encodeURIComponent(`/admin/mfa/step-up?next=${encodeURIComponent(next)}`)}`}
            >
              Register a security key
            </a>
          </div>
        )}
      </Card>
    </>
  );
}
