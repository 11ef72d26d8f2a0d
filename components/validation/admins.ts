// The admins section: each administrator's shape, the rules across admins (repeats, what a new user needs,
// what an existing one cannot set) and the normalized list, sorted by userName, the key that names them.
import { z } from "zod";
import { AdminSpec, NewAdminSpec } from "../spec";
import { byKey, isRecord, show } from "../values";
import { AllowedKeys, ignoredWhenExisting, repeats } from "./messages";
import { instantProblem, isUtcInstant } from "./formats";
import { shownAsIs } from "./names";
import { model, notReserved, text, trimmed } from "./rules";

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export const addressShape = {
  streetAddress: model("SensitiveStringType").optional(),
  locality: model("SensitiveStringType").optional(),
  region: model("SensitiveStringType").optional(),
  postalCode: model("SensitiveStringType").optional(),
  country: model("SensitiveStringType").optional(),
};

export const shape = {
  userName: notReserved(
    "its own users",
    shownAsIs(
      model("UserName").refine((s) => !s.includes("::"), {
        error: (iss) =>
          `${show(iss.input)} contains "::", which separates the parts of a Pulumi URN, so it cannot be part of ` +
          "the user's resource names (<name>-user-<userName>)",
      }),
      true,
    ),
  ),
  existing: z.boolean().optional(),
  // Stricter than the model, which takes any text: it must look like an email address.
  email: shownAsIs(
    model("SensitiveStringType").refine((s) => EMAIL.test(s), {
      error: (iss) => `${show(iss.input)} is not a valid email address`,
    }),
    true,
  ).optional(),
  givenName: shownAsIs(trimmed(model("SensitiveStringType"))).optional(),
  familyName: shownAsIs(trimmed(model("SensitiveStringType"))).optional(),
  displayName: shownAsIs(trimmed(model("SensitiveStringType"))).optional(),
  title: shownAsIs(model("SensitiveStringType")).optional(),
  nickname: shownAsIs(trimmed(model("SensitiveStringType"))).optional(),
  phoneNumber: model("SensitiveStringType").optional(),
  locale: model("SensitiveStringType").optional(),
  timezone: model("SensitiveStringType").optional(),
  preferredLanguage: model("SensitiveStringType").optional(),
  address: z.object(addressShape).optional(),
  expiresAt: text("an ISO-8601 UTC instant such as 2026-12-31T18:00:00Z", isUtcInstant, (input) =>
    instantProblem(String(input)),
  ).optional(),
};

export const allowed: AllowedKeys = [
  [/^admins\[\d+\]$/, Object.keys(shape)],
  [/^admins\[\d+\]\.address$/, Object.keys(addressShape)],
];

/** An existing user is not managed here, but its access can still end. */
const UNMANAGED_WHEN_EXISTING = Object.keys(shape).filter(
  (k) => !["userName", "existing", "expiresAt"].includes(k),
);

export function problems(raw: Record<string, unknown>, out: string[]): void {
  if (!Array.isArray(raw.admins)) return;
  const duplicate = repeats(out);
  raw.admins.forEach((admin, i) => {
    if (!isRecord(admin)) return;
    const at = `admins[${i}]`;
    duplicate("userName", admin.userName, `${at}.userName`);
    duplicate("email", admin.email, `${at}.email`);
    if (admin.existing === true) {
      ignoredWhenExisting(at, admin, UNMANAGED_WHEN_EXISTING, "user", out);
      return;
    }
    for (const key of ["email", "givenName", "familyName"].filter((k) => admin[k] === undefined)) {
      out.push(
        `${at}.${key}: is required for a new user (set existing: true to add a user that already exists)`,
      );
    }
  });
}

/**
 * A new user's settings that are copied as they are. Copied key by key: object rest and spread cost about
 * 5 µs an admin here, 50 ms of the 10,000-admin bench.
 */
const AS_WRITTEN = Object.keys(shape).filter(
  (k) => !["userName", "existing", "email", "givenName", "familyName", "displayName"].includes(k),
) as (keyof typeof shape)[];

/** Sorted by userName: the key that names each admin's children, and so the order they are registered in. */
export function normalize(admins: z.infer<z.ZodObject<typeof shape>>[]): AdminSpec[] {
  return admins
    .map((admin): AdminSpec => {
      if (admin.existing) {
        return admin.expiresAt
          ? { userName: admin.userName, existing: true, expiresAt: admin.expiresAt }
          : { userName: admin.userName, existing: true };
      }
      // problems() has rejected a new user without email, givenName or familyName.
      const [g, f] = [admin.givenName as string, admin.familyName as string];
      const spec: NewAdminSpec = {
        userName: admin.userName,
        existing: false,
        email: admin.email as string,
        givenName: g,
        familyName: f,
        displayName: admin.displayName ?? `${g} ${f}`,
      };
      for (const key of AS_WRITTEN) {
        if (admin[key] !== undefined) (spec as unknown as Record<string, unknown>)[key] = admin[key];
      }
      return spec;
    })
    .sort(byKey((a) => a.userName));
}
