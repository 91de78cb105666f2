import type { ReactNode } from "react";
import { addDays, dateInputValue } from "@/components/ui/format";
import type { StaffActor } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import type { LicenseView } from "@/lib/licensing/license-view";
import type { ProductOption } from "../entitlement-form";
import { EditLicenseButton } from "./edit-license-button";
import { RevealKeyButton, RotateKeyButton } from "./key-buttons";
import { RenewLicenseButton } from "./renew-license-button";
import { ReinstateButton, RevokeButton, SuspendButton } from "./status-buttons";
import { TransferLicenseButton } from "./transfer-license-button";

// A year on from the current expiry, or from today if it has already passed.
function suggestedRenewal(expiresAt: Date, now: Date): string {
  return dateInputValue(addDays(expiresAt > now ? expiresAt : now, 365));
}

// The toolbar of what this actor may do to the license; nothing at all for a read-only viewer.
export function LicenseActions({
  actor,
  license,
  products,
}: {
  actor: StaffActor;
  license: LicenseView;
  products: ProductOption[];
}) {
  const can = (p: Permission) => actor.permissions.has(p);
  const live = license.status !== "REVOKED";
  const buttons: ReactNode[] = [];
  if (live && can("licenses:write")) {
    buttons.push(<EditLicenseButton key="edit" license={license} products={products} />);
    buttons.push(
      <RenewLicenseButton
        key="renew"
        licenseId={license.id}
        expiresAt={license.expiresAt}
        suggested={suggestedRenewal(license.expiresAt, new Date())}
      />,
    );
    buttons.push(
      <TransferLicenseButton
        key="transfer"
        licenseId={license.id}
        entitlements={license.entitlements}
        products={products}
      />,
    );
  }
  if (live && can("licenses:suspend")) {
    buttons.push(
      license.status === "SUSPENDED" ? (
        <ReinstateButton key="reinstate" licenseId={license.id} />
      ) : (
        <SuspendButton key="suspend" licenseId={license.id} />
      ),
    );
  }
  if (live && can("licenses:reveal_key"))
    buttons.push(<RotateKeyButton key="rotate" licenseId={license.id} />);
  if (can("licenses:reveal_key"))
    buttons.push(<RevealKeyButton key="reveal" licenseId={license.id} />);
  if (live && can("licenses:revoke"))
    buttons.push(<RevokeButton key="revoke" licenseId={license.id} />);
  if (buttons.length === 0) return null;
  return (
    <div role="toolbar" aria-label="License actions" className="mb-6 flex flex-wrap gap-2">
      {buttons}
    </div>
  );
}
