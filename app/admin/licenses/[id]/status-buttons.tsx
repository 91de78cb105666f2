"use client";

import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { reinstateLicenseAction, revokeLicenseAction, suspendLicenseAction } from "./actions";

// Status changes behind a confirmation, each with an optional reason for the audit trail.
export function SuspendButton({ licenseId }: { licenseId: string }) {
  return (
    <ConfirmActionButton
      label="Suspend"
      title="Suspend this license?"
      message="The customer's update agents are refused from their next request until the license is reinstated."
      confirmLabel="Suspend license"
      action={suspendLicenseAction}
      input={{ licenseId }}
      withReason
      success="License suspended."
    />
  );
}

export function ReinstateButton({ licenseId }: { licenseId: string }) {
  return (
    <ConfirmActionButton
      label="Reinstate"
      title="Reinstate this license?"
      message="The customer's update agents are served again from their next request, within the license's entitlements and expiry."
      confirmLabel="Reinstate license"
      action={reinstateLicenseAction}
      input={{ licenseId }}
      withReason
      success="License reinstated."
    />
  );
}

export function RevokeButton({ licenseId }: { licenseId: string }) {
  return (
    <ConfirmActionButton
      label="Revoke"
      variant="danger"
      danger
      title="Revoke this license?"
      message="Revocation is permanent: the key stops working at the agents' next request, and the license can no longer be reinstated, renewed, edited or given a new key."
      confirmLabel="Revoke license"
      action={revokeLicenseAction}
      input={{ licenseId }}
      withReason
      success="License revoked."
    />
  );
}
