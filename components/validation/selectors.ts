// The target selectors: accounts, OUs, account names, exclusions, allAccounts and the management-account
// opt-in. Normalized WITHOUT reordering: resolution reports `accounts[i]` of the list as written, and
// sorts what it resolves.
import { z } from "zod";
import { TargetSpec } from "../spec";
import { show } from "../values";
import { listAt, repeats } from "./messages";
import { accountId, length, organizationalUnitId, trimmed } from "./rules";

export const shape = {
  accounts: z.array(accountId).optional(),
  organizationalUnits: z.array(organizationalUnitId).optional(),
  accountNames: z.array(trimmed(length(1, 50))).optional(),
  excludeAccounts: z.array(accountId).optional(),
  allAccounts: z.boolean().optional(),
  includeManagementAccount: z.boolean().optional(),
};

const SELECTORS = ["accounts", "organizationalUnits", "accountNames"];

/** No repeats, no account both listed and excluded, and at least one way to reach an account. */
export function problems(raw: Record<string, unknown>, out: string[]): void {
  const duplicate = repeats(out);
  listAt(raw, "accounts").forEach((id, i) => duplicate("account", id, `accounts[${i}]`));
  listAt(raw, "organizationalUnits").forEach((id, i) => duplicate("OU", id, `organizationalUnits[${i}]`));
  listAt(raw, "accountNames").forEach((name, i) => duplicate("account name", name, `accountNames[${i}]`));
  // Only a string or a number is an ID; String() of a map with its own `toString` key would throw.
  const idText = (id: unknown) => (typeof id === "string" || typeof id === "number" ? String(id) : undefined);
  const listed = new Set(listAt(raw, "accounts").map(idText));
  listAt(raw, "excludeAccounts").forEach((id, i) => {
    duplicate("exclusion", id, `excludeAccounts[${i}]`);
    if (idText(id) !== undefined && listed.has(idText(id)))
      out.push(`excludeAccounts[${i}]: ${show(id)} is also listed in accounts; keep one`);
  });
  const hasTargets = raw.allAccounts === true || SELECTORS.some((key) => listAt(raw, key).length > 0);
  const accountsMistyped = raw.accounts !== undefined && !Array.isArray(raw.accounts); // reported already
  // With allowNoAdmins, an empty list removes every assignment, deliberately (the review diff marks it critical).
  if (!hasTargets && !accountsMistyped && raw.allowNoAdmins !== true) {
    out.push(
      "accounts: no target accounts: list account IDs in accounts, OU IDs in organizationalUnits or " +
        "account names in accountNames, or set allAccounts: true; with no target nobody would hold " +
        "administrator access after the apply (set allowNoAdmins: true if you mean to remove it everywhere)",
    );
  }
}

export function normalize(c: z.infer<z.ZodObject<typeof shape>>): TargetSpec {
  return {
    accounts: c.accounts ?? [],
    organizationalUnits: c.organizationalUnits ?? [],
    accountNames: c.accountNames ?? [],
    excludeAccounts: c.excludeAccounts ?? [],
    allAccounts: c.allAccounts ?? false,
    includeManagementAccount: c.includeManagementAccount ?? false,
  };
}
