// The safety settings: whether an apply may leave a targeted account with no admin (allowNoAdmins), and
// whether the resources people need to get back in are protected from deletion (protect).
import { z } from "zod";

export const shape = {
  allowNoAdmins: z.boolean().optional(),
  protect: z.boolean().optional(),
};
