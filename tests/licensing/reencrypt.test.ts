// Key rotation end to end, on a database of its own: re-encryption rewrites every row of every
// encrypted column, which would pull the rug from under tests running beside it on the shared one.
import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "@/lib/authz/actor";
import { ENCRYPTED_COLUMNS, ENCRYPTED_FIELDS } from "@/lib/crypto/encrypted-columns";
import { ciphertextKeyId, decryptField, encryptField } from "@/lib/crypto/field-encryption";
import { parseKeyring } from "@/lib/crypto/keyring";
import { reencryptFields } from "@/lib/crypto/reencrypt-fields";
import { pgPoolConfig } from "@/lib/db/pg-config";
import { PrismaClient } from "@/lib/generated/prisma/client";
import {
  createTestDatabase,
  dropTestDatabase,
  type TestDatabase,
} from "../../scripts/lib/test-database";

const k1 = randomBytes(32).toString("base64");
const k2 = randomBytes(32).toString("base64");
const ringK1 = parseKeyring(`k1:${k1}`, "k1");
const ringK2 = parseKeyring(`k1:${k1},k2:${k2}`, "k2");
const onlyK2 = parseKeyring(`k2:${k2}`, "k2");

let database: TestDatabase;
let client: PrismaClient;

beforeAll(async () => {
  database = await createTestDatabase(
    process.env.TEST_PG_SUPERUSER_URL_FOR_TESTS ?? "",
    "tollgate_reencrypt",
  );
  // The app role, as the script runs in production.
  client = new PrismaClient({ adapter: new PrismaPg(pgPoolConfig(database.appUrl)) });
});

afterAll(async () => {
  await client?.$disconnect();
  if (database) await dropTestDatabase(database);
});

async function seed(count: number) {
  const plain: Record<string, { name: string; email: string; phone: string; key: string }> = {};
  for (let i = 0; i < count; i += 1) {
    const values = {
      name: `Contact ${i}`,
      email: `c${i}@example.test`,
      phone: `+1 555 01${i}0`,
      key: `TG-KEY${i}`,
    };
    const customer = await client.customer.create({
      data: {
        slug: `customer-${i}`,
        name: `Customer ${i}`,
        contactName: encryptField(values.name, ENCRYPTED_FIELDS.customerContactName, ringK1),
        contactEmail: encryptField(values.email, ENCRYPTED_FIELDS.customerContactEmail, ringK1),
        // Every other customer has no phone: NULLs must be left alone.
        contactPhone:
          i % 2 ? null : encryptField(values.phone, ENCRYPTED_FIELDS.customerContactPhone, ringK1),
        licenses: {
          create: {
            keyHash: `hash-${i}`,
            keyCiphertext: encryptField(values.key, ENCRYPTED_FIELDS.licenseKey, ringK1),
            keyHint: `HINT${i}`,
            expiresAt: new Date("2030-01-01"),
          },
        },
      },
    });
    plain[customer.id] = values;
  }
  await client.webhookEndpoint.create({
    data: {
      name: "SIEM",
      url: "https://siem.example.com/hook",
      events: ["alerts.*"],
      secretCiphertext: encryptField("whsec_test", ENCRYPTED_FIELDS.webhookSecret, ringK1),
      secretHint: "test",
    },
  });
  return plain;
}

describe("re-encryption after a key rotation", () => {
  it("rewrites every encrypted value under the new active key, in batches, audited once", async () => {
    const plain = await seed(5);
    const batches: number[] = [];
    const result = await reencryptFields({
      client,
      keyring: ringK2,
      batchSize: 2,
      actor: systemActor("reencrypt"),
      onBatch: (p) => batches.push(p.reencrypted),
    });
    expect(result.activeKid).toBe("k2");
    expect(result.columns).toEqual([
      { table: "Customer", column: "contactName", reencrypted: 5 },
      { table: "Customer", column: "contactEmail", reencrypted: 5 },
      { table: "Customer", column: "contactPhone", reencrypted: 3 },
      { table: "License", column: "keyCiphertext", reencrypted: 5 },
      { table: "WebhookEndpoint", column: "secretCiphertext", reencrypted: 1 },
    ]);
    expect(result.total).toBe(19);
    const endpoint = await client.webhookEndpoint.findFirstOrThrow();
    expect(decryptField(endpoint.secretCiphertext, ENCRYPTED_FIELDS.webhookSecret, ringK2)).toBe(
      "whsec_test",
    );
    expect(batches.length).toBeGreaterThanOrEqual(9);

    const customers = await client.customer.findMany({ include: { licenses: true } });
    expect(customers).toHaveLength(5);
    for (const c of customers) {
      const expected = plain[c.id];
      const license = c.licenses[0];
      expect(expected && license).toBeTruthy();
      if (!expected || !license) continue;
      // Decrypts with a keyring that no longer has k1 at all: nothing still depends on it.
      expect(decryptField(c.contactName ?? "", ENCRYPTED_FIELDS.customerContactName, onlyK2)).toBe(
        expected.name,
      );
      expect(
        decryptField(c.contactEmail ?? "", ENCRYPTED_FIELDS.customerContactEmail, onlyK2),
      ).toBe(expected.email);
      if (c.contactPhone !== null) {
        expect(decryptField(c.contactPhone, ENCRYPTED_FIELDS.customerContactPhone, onlyK2)).toBe(
          expected.phone,
        );
      }
      expect(decryptField(license.keyCiphertext, ENCRYPTED_FIELDS.licenseKey, onlyK2)).toBe(
        expected.key,
      );
    }

    // Every ciphertext in every encrypted column of this database now names k2.
    for (const { table, column } of ENCRYPTED_COLUMNS) {
      const rows = await client.$queryRawUnsafe<{ value: string }[]>(
        `SELECT "${column}" AS value FROM "${table}" WHERE "${column}" IS NOT NULL`,
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(ciphertextKeyId(row.value)).toBe("k2");
    }

    const audits = await client.auditEvent.findMany({
      where: { action: "encryption.keys_rotated" },
    });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorType: "SYSTEM",
      actorLabel: "reencrypt",
      targetType: "keyring",
      targetId: "k2",
      metadata: { activeKid: "k2", total: 19 },
    });
    expect(JSON.stringify(audits[0]?.metadata)).not.toContain(k2);

    // A second run finds nothing left to do.
    const again = await reencryptFields({ client, keyring: ringK2, batchSize: 2 });
    expect(again.total).toBe(0);
  });

  it("stops, naming the row, at a value it cannot decrypt instead of skipping it", async () => {
    const customer = await client.customer.create({
      data: {
        slug: "unreadable",
        name: "Unreadable",
        // Encrypted under a key this keyring does not know.
        contactName: encryptField(
          "x",
          ENCRYPTED_FIELDS.customerContactName,
          parseKeyring(`k9:${randomBytes(32).toString("base64")}`, "k9"),
        ),
      },
    });
    await expect(
      reencryptFields({ client, keyring: ringK2, columns: [ENCRYPTED_FIELDS.customerContactName] }),
    ).rejects.toThrow(new RegExp(`row ${customer.id}.*"k9"`));
    await client.customer.delete({ where: { id: customer.id } });
  });
});
