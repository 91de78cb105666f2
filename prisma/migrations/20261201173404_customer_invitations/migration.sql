-- AlterTable
ALTER TABLE "CustomerMembership" ADD COLUMN     "invitedAt" TIMESTAMP(3),
ADD COLUMN     "invitedById" TEXT;
