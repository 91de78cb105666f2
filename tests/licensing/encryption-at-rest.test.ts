// Reads the raw tables with SQL, as someone with a copy of the database would, and looks for
// the plaintext of everything that is meant to be encrypted.
import { describe, expect, it } from "vitest";
import { ENCRYPTED_FIELDS } from "@/lib/crypto/encrypted-columns";
import { ciphertextKeyId, decryptField } from "@/lib/crypto/field-encryption";
import { db } from "@/lib/db/client";
import { createCustomer } from "@/lib/licensing/create-customer";
import { createLicense } from "@/lib/licensing/create-license";
import { rotateLicenseKey } from "@/lib/licensing/rotate-license-key";
import { updateCustomer } from "@/lib/licensing/update-customer";
import { admin, makeProduct, uniq } from "./factories";

const raw = (sql: string, ...params: unknown[]) =>
  db().$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params);

// Everything the row holds, as text, the way a dump would show it.
const dump = (rows: Record<string, unknown>[]) =>
  JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

describe("encryption at rest", () => {
  it("keeps no plaintext license key or contact data in the tables or the audit trail", async () => {
    const slug = uniq("globex");
    const contacts = {
      contactName: `Hank Scorpio ${slug}`,
      contactEmail: `hank.${slug}@globex.test`,
      contactPhone: "+1 555 0199 77",
    };
    const customer = await createCustomer({
      actor: admin(),
      input: { slug, name: "Globex", ...contacts },
    });
    const product = await makeProduct(["stable"]);
    const { license, key } = await createLicense({
      actor: admin(),
      input: {
        customerId: customer.id,
        entitlements: [{ productId: product.id, channels: ["stable"] }],
        expiresAt: "2030-01-01",
      },
    });
    const { key: rotatedKey } = await rotateLicenseKey({
      actor: admin(),
      input: { licenseId: license.id },
    });
    const newEmail = `scorpio.${slug}@globex.test`;
    await updateCustomer({
      actor: admin(),
      input: { customerId: customer.id, contactEmail: newEmail },
    });

    const customerRows = await raw(`SELECT * FROM "Customer" WHERE "id" = $1`, customer.id);
    const licenseRows = await raw(`SELECT * FROM "License" WHERE "id" = $1`, license.id);
    const auditRows = await raw(`SELECT * FROM "AuditEvent" WHERE "targetId" = ANY($1::text[])`, [
      customer.id,
      license.id,
    ]);
    expect(customerRows).toHaveLength(1);
    expect(licenseRows).toHaveLength(1);
    expect(auditRows.length).toBeGreaterThanOrEqual(4);

    const everything = dump([...customerRows, ...licenseRows, ...auditRows]);
    const secrets = [
      contacts.contactName,
      contacts.contactEmail,
      newEmail,
      "0199 77",
      key,
      key.replace(/-/g, ""),
      key.slice(3, 17),
      rotatedKey,
      rotatedKey.replace(/-/g, ""),
      rotatedKey.slice(3, 17),
    ];
    for (const secret of secrets) expect(everything).not.toContain(secret);

    // And the columns do hold these values, encrypted: the test would pass vacuously otherwise.
    const c = customerRows[0] as Record<string, string>;
    const l = licenseRows[0] as Record<string, string>;
    expect(decryptField(c.contactEmail ?? "", ENCRYPTED_FIELDS.customerContactEmail)).toBe(
      newEmail,
    );
    expect(decryptField(c.contactName ?? "", ENCRYPTED_FIELDS.customerContactName)).toBe(
      contacts.contactName,
    );
    expect(decryptField(c.contactPhone ?? "", ENCRYPTED_FIELDS.customerContactPhone)).toBe(
      contacts.contactPhone,
    );
    expect(decryptField(l.keyCiphertext ?? "", ENCRYPTED_FIELDS.licenseKey)).toBe(rotatedKey);
    expect(ciphertextKeyId(l.keyCiphertext ?? "")).toBe(process.env.DATA_ENCRYPTION_ACTIVE_KEY);
    expect(l.keyHint).toBe(rotatedKey.slice(-5));
  });
});
