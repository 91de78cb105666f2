import { z } from "zod";
import { idSchema } from "./schema-parts";

export const getCustomerSchema = z.object({ customerId: idSchema });

export type GetCustomerInput = z.input<typeof getCustomerSchema>;
