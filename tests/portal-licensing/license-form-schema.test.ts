// What the license forms send (text for numbers and dates) is read into the domain's input, with
// messages a person can act on next to the field.
import { describe, expect, it } from "vitest";
import {
  createLicenseFormSchema,
  renewLicenseFormSchema,
  updateLicenseFormSchema,
} from "@/app/admin/licenses/license-form.schema";

const base = {
  customerId: "cus_1",
  entitlements: [{ productId: "prod_1", channels: ["stable"] }],
  expiresAt: "2027-01-31",
  maxMachines: "",
};

function fieldErrors(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return Object.fromEntries(
    (result.error?.issues ?? []).map((i) => [i.path.map(String).join("."), i.message]),
  );
}

describe("createLicenseFormSchema", () => {
  it("reads a blank machine limit as no limit, digits as a number and the date as UTC midnight", () => {
    const blank = createLicenseFormSchema.parse(base);
    expect(blank.maxMachines).toBeNull();
    expect(blank.expiresAt).toEqual(new Date("2027-01-31T00:00:00.000Z"));
    expect(blank.expiryBehavior).toBe("ACCESS_STOPS");
    expect(createLicenseFormSchema.parse({ ...base, maxMachines: " 25 " }).maxMachines).toBe(25);
  });

  it.each([
    ["abc", "must be a whole number, or blank for no limit"],
    ["1.5", "must be a whole number, or blank for no limit"],
    ["-3", "must be a whole number, or blank for no limit"],
    ["0", "must be at least 1, or blank for no limit"],
    ["1000001", "must be at most 1,000,000"],
  ])("refuses the machine limit %j with %j", (value, message) => {
    const result = createLicenseFormSchema.safeParse({ ...base, maxMachines: value });
    expect(fieldErrors(result)).toEqual({ maxMachines: message });
  });

  it("requires a real calendar date", () => {
    expect(fieldErrors(createLicenseFormSchema.safeParse({ ...base, expiresAt: "" }))).toEqual({
      expiresAt: "is required",
    });
    for (const bad of ["2027-02-30", "31/01/2027", "tomorrow"]) {
      expect(fieldErrors(createLicenseFormSchema.safeParse({ ...base, expiresAt: bad }))).toEqual({
        expiresAt: "must be a date such as 2027-01-31",
      });
    }
  });

  it("keeps the domain's own rules: a customer and at least one product", () => {
    const errors = fieldErrors(
      createLicenseFormSchema.safeParse({ ...base, customerId: "", entitlements: [] }),
    );
    expect(errors).toEqual({
      customerId: "is required",
      entitlements: "at least one product is required",
    });
  });
});

describe("update and renew", () => {
  it("leaves out what the edit form does not send", () => {
    const parsed = updateLicenseFormSchema.parse({ licenseId: "lic_1", notes: "n" });
    expect(parsed).toEqual({ licenseId: "lic_1", notes: "n" });
    expect(
      updateLicenseFormSchema.parse({ licenseId: "lic_1", maxMachines: "" }).maxMachines,
    ).toBeNull();
  });

  it("needs the new expiry date", () => {
    expect(
      fieldErrors(renewLicenseFormSchema.safeParse({ licenseId: "lic_1", expiresAt: "" })),
    ).toEqual({
      expiresAt: "is required",
    });
  });
});
