// The plan for spreadsheets.
import { PlanReport } from "./report";
import { csv } from "../render";

/** The access matrix for spreadsheets: one row per admin and account. */
export function renderCsv(r: PlanReport): string {
  const names = new Map(r.assignments.map((a) => [a.accountId, a.accountName ?? ""]));
  return csv(
    ["userName", "accountId", "accountName", "permissionSet", "group"],
    r.accessMatrix.map((m) => [
      m.userName,
      m.accountId,
      names.get(m.accountId) ?? "",
      m.permissionSet,
      r.group.displayName,
    ]),
  );
}
