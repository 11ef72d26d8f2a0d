// The management-account settings: the management account's own permission set, and the break-glass users
// who hold it directly there. Both need includeManagementAccount: true; without it the guard stays as is.
import { z } from "zod";
import { ManagementPermissionSetSpec } from "../spec";
import { isRecord, show } from "../values";
import { AllowedKeys, listAt, repeats } from "./messages";
import { ADMINISTRATOR_POLICY } from "../arns";
import { shape as admin } from "./admins";
import { protoTagProblem, tags } from "./permissionSet";
import { model, notReserved, sessionDuration } from "./rules";

/** AWS: a set provisioned to the management account is only changed from there; its own name, its own set. */
export const MANAGEMENT_SET_NAME = "ManagementAdministratorAccess";
/** The shortest session AWS allows: the management account is where a stolen session costs most. */
export const MANAGEMENT_SESSION = "PT1H";

export const managementPermissionSet = {
  name: notReserved("its own permission sets", model("PermissionSetName")).optional(),
  description: model("PermissionSetDescription").optional(),
  sessionDuration: sessionDuration.optional(),
  tags: tags.optional(),
};

export const breakGlass = {
  // An admin's userName rules: it names a resource (<name>-break-glass-<userName>).
  users: z.array(admin.userName).optional(),
};

export const shape = {
  breakGlass: z.object(breakGlass).optional(),
  managementPermissionSet: z.object(managementPermissionSet).optional(),
};

export const allowed: AllowedKeys = [
  [/^breakGlass$/, Object.keys(breakGlass)],
  [/^managementPermissionSet$/, Object.keys(managementPermissionSet)],
];

const NEEDS_FLAG =
  "needs includeManagementAccount: true (without it the management account is never touched)";

/** One or two users, each once; both sections only with the management account opted in. */
export function problems(raw: Record<string, unknown>, out: string[]): void {
  const optedIn = raw.includeManagementAccount === true;
  const users = isRecord(raw.breakGlass) ? listAt(raw.breakGlass, "users") : [];
  if (isRecord(raw.breakGlass)) {
    if (users.length < 1 || users.length > 2) {
      out.push(
        `breakGlass.users: ${users.length} user(s); name one or two existing users, who keep a direct ` +
          "assignment on the management account whatever happens to the group",
      );
    }
    const duplicate = repeats(out);
    users.forEach((u, i) => duplicate("break-glass user", u, `breakGlass.users[${i}]`));
    if (!optedIn) out.push(`breakGlass: ${NEEDS_FLAG}`);
    expiringBreakGlass(raw, users, out);
  }
  const mps = raw.managementPermissionSet;
  protoTagProblem(mps, "managementPermissionSet", out);
  if (isRecord(mps) && Object.keys(mps).length > 0) {
    if (!optedIn) out.push(`managementPermissionSet: ${NEEDS_FLAG}`);
    const ps = isRecord(raw.permissionSet) ? raw.permissionSet : {};
    const memberName = typeof ps.name === "string" ? ps.name : ADMINISTRATOR_POLICY;
    const name = typeof mps.name === "string" ? mps.name : MANAGEMENT_SET_NAME;
    if (memberName.toLowerCase() === name.toLowerCase()) {
      out.push(
        `managementPermissionSet.name: ${show(name)} is also permissionSet.name; the management account's ` +
          "set must be a separate set (a set provisioned there can only be changed from the management account)",
      );
    }
  }
}

/**
 * A break-glass user's access is a direct assignment that no expiry ends (the schedule removes a group
 * membership, and the session-cutting deny would also lock out the way back in): an admin who is also a
 * break-glass user may not have expiresAt. Identity Store userNames are unique without regard to case.
 */
function expiringBreakGlass(raw: Record<string, unknown>, users: unknown[], out: string[]): void {
  const glass = new Map(users.map((u, i) => [String(u).toLowerCase(), i]));
  listAt(raw, "admins").forEach((a, i) => {
    if (!isRecord(a) || a.expiresAt === undefined || typeof a.userName !== "string") return;
    const j = glass.get(a.userName.toLowerCase());
    if (j === undefined) return;
    out.push(
      `admins[${i}].expiresAt: ${show(a.userName)} is also breakGlass.users[${j}], whose direct assignment on ` +
        "the management account no expiry ends; remove expiresAt, or remove the user from breakGlass.users " +
        "(a break-glass user is the way back in and does not expire)",
    );
  });
}

export function normalizeManagementSet(
  mps: z.infer<z.ZodObject<typeof managementPermissionSet>> = {},
): ManagementPermissionSetSpec {
  return {
    name: mps.name ?? MANAGEMENT_SET_NAME,
    description: mps.description,
    sessionDuration: mps.sessionDuration ?? MANAGEMENT_SESSION,
    tags: mps.tags ?? {},
  };
}

/** Sorted: each userName names its assignment. */
export const normalizeBreakGlass = (bg: z.infer<z.ZodObject<typeof breakGlass>> = {}): string[] =>
  [...(bg.users ?? [])].sort();
