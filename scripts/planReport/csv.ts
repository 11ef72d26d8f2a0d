// The plan for spreadsheets.
import { PlanReport } from "./report";
import { csv } from "../render";

/**
 * With --against, the access changes, critical first; otherwise the access matrix for spreadsheets: one row
 * per admin and account, with when the admin's access ends.
 */
export function renderCsv(r: PlanReport): string {
  if (r.diff) {
    return csv(
      ["severity", "field", "old", "new", "why"],
      r.diff.changes.map((c) => [c.severity, c.path, c.old ?? "", c.new ?? "", c.why]),
    );
  }
  const names = new Map(r.assignments.map((a) => [a.accountId, a.accountName ?? ""]));
  return csv(
    ["userName", "accountId", "accountName", "permissionSet", "group", "expiresAt"],
    r.accessMatrix.map((m) => [
      m.userName,
      m.accountId,
      names.get(m.accountId) ?? "",
      m.permissionSet,
      r.group.displayName,
      m.expiresAt ?? "",
    ]),
  );
}
