"use server";

import { defineAction } from "@/lib/http/action";
import { reinstateLicense } from "@/lib/licensing/reinstate-license";
import { reinstateLicenseSchema } from "@/lib/licensing/reinstate-license.schema";
import { renewLicense } from "@/lib/licensing/renew-license";
import { revealLicenseKey } from "@/lib/licensing/reveal-license-key";
import { revealLicenseKeySchema } from "@/lib/licensing/reveal-license-key.schema";
import { revokeLicense } from "@/lib/licensing/revoke-license";
import { revokeLicenseSchema } from "@/lib/licensing/revoke-license.schema";
import { rotateLicenseKey } from "@/lib/licensing/rotate-license-key";
import { rotateLicenseKeySchema } from "@/lib/licensing/rotate-license-key.schema";
import { suspendLicense } from "@/lib/licensing/suspend-license";
import { suspendLicenseSchema } from "@/lib/licensing/suspend-license.schema";
import { transferLicense } from "@/lib/licensing/transfer-license";
import { transferLicenseSchema } from "@/lib/licensing/transfer-license.schema";
import { updateLicense } from "@/lib/licensing/update-license";
import { renewLicenseFormSchema, updateLicenseFormSchema } from "../license-form.schema";

export const updateLicenseAction = defineAction({
  name: "licenses.update",
  access: { kind: "staff", permission: "licenses:write" },
  input: updateLicenseFormSchema,
  handler: ({ actor, input, ctx }) => updateLicense({ actor, input, request: ctx }),
});

export const renewLicenseAction = defineAction({
  name: "licenses.renew",
  access: { kind: "staff", permission: "licenses:write" },
  input: renewLicenseFormSchema,
  handler: ({ actor, input, ctx }) => renewLicense({ actor, input, request: ctx }),
});

export const transferLicenseAction = defineAction({
  name: "licenses.transfer",
  access: { kind: "staff", permission: "licenses:write" },
  input: transferLicenseSchema,
  handler: ({ actor, input, ctx }) => transferLicense({ actor, input, request: ctx }),
});

export const suspendLicenseAction = defineAction({
  name: "licenses.suspend",
  access: { kind: "staff", permission: "licenses:suspend" },
  input: suspendLicenseSchema,
  handler: ({ actor, input, ctx }) => suspendLicense({ actor, input, request: ctx }),
});

export const reinstateLicenseAction = defineAction({
  name: "licenses.reinstate",
  access: { kind: "staff", permission: "licenses:suspend" },
  input: reinstateLicenseSchema,
  handler: ({ actor, input, ctx }) => reinstateLicense({ actor, input, request: ctx }),
});

export const revokeLicenseAction = defineAction({
  name: "licenses.revoke",
  access: { kind: "staff", permission: "licenses:revoke" },
  input: revokeLicenseSchema,
  handler: ({ actor, input, ctx }) => revokeLicense({ actor, input, request: ctx }),
});

// Rotating and revealing put a working key on someone's screen: a fresh security key check first.
export const rotateLicenseKeyAction = defineAction({
  name: "licenses.rotate_key",
  access: { kind: "staff", permission: "licenses:reveal_key", stepUp: true },
  input: rotateLicenseKeySchema,
  handler: ({ actor, input, ctx }) => rotateLicenseKey({ actor, input, request: ctx }),
});

export const revealLicenseKeyAction = defineAction({
  name: "licenses.reveal_key",
  access: { kind: "staff", permission: "licenses:reveal_key", stepUp: true },
  input: revealLicenseKeySchema,
  handler: ({ actor, input, ctx }) => revealLicenseKey({ actor, input, request: ctx }),
});
