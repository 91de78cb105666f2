-- AlterTable
ALTER TABLE "Alert" ADD COLUMN     "acknowledgedNote" TEXT,
ADD COLUMN     "lastLoggedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "resolvedById" TEXT,
ADD COLUMN     "resolvedNote" TEXT;

-- CreateIndex
CREATE INDEX "AuditEvent_ip_at_idx" ON "AuditEvent"("ip", "at");
