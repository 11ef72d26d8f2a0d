// The top-level settings that are not a section of their own: the instance, the assignment lanes, the
// portal URL, user retention and which settings are secret.
import { z } from "zod";
import { show } from "../values";
import { SECRET_CAPABLE, WHY_NOT_SECRET } from "./keys";
import { text } from "./rules";

const INSTANCE_ARN = /^arn:aws(-[a-z]+)*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const IDENTITY_STORE_ID = /^d-[0-9a-f]{10}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const instance = {
  instanceArn: text("an Identity Center instance ARN, arn:aws:sso:::instance/ssoins-…", (s) =>
    INSTANCE_ARN.test(s),
  ).optional(),
  identityStoreId: text("an identity store ID such as d-1234567890", (s) =>
    IDENTITY_STORE_ID.test(s),
  ).optional(),
};

export const assignmentConcurrency = z
  .number({ error: (iss) => `${show(iss.input)} is not a number` })
  .refine((n) => Number.isInteger(n) && n >= 0 && n <= 10, {
    error: (iss) =>
      `${show(iss.input)} is not valid: expected a whole number from 1 to 10, the most assignments ` +
      `IAM Identity Center lets one instance have in progress, or 0 for no bound in the program`,
  })
  .optional();

export const output = {
  accessPortalUrl: text("an https:// URL", (s) => /^https:\/\/[^\s/]+(\/\S*)?$/.test(s)).optional(),
  retainUsersOnDelete: z.boolean().optional(),
  secretSettings: z
    .array(
      text(
        `one of ${SECRET_CAPABLE.join(", ")}`,
        (s) => SECRET_CAPABLE.includes(s),
        (input) =>
          typeof input === "string" && input in WHY_NOT_SECRET
            ? `cannot be kept secret: ${WHY_NOT_SECRET[input]}, which cannot be secret; store it in plain text`
            : `is not a setting that can be secret: expected one of ${SECRET_CAPABLE.join(", ")}`,
      ),
    )
    .optional(),
};
