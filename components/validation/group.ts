// The group section: the admins' group, created or looked up by display name.
import { z } from "zod";
import { GroupSpec } from "../spec";
import { isRecord } from "../values";
import { AllowedKeys, ignoredWhenExisting } from "./messages";
import { shownAsIs } from "./names";
import { model, notReserved, trimmed } from "./rules";

export const shape = {
  displayName: notReserved("its own groups", shownAsIs(trimmed(model("GroupDisplayName")), "words")),
  description: shownAsIs(model("SensitiveStringType")).optional(),
  existing: z.boolean().optional(),
};

export const allowed: AllowedKeys = [[/^group$/, Object.keys(shape)]];

export function problems(raw: Record<string, unknown>, out: string[]): void {
  if (isRecord(raw.group)) ignoredWhenExisting("group", raw.group, ["description"], "group", out);
}

export function normalize(group: z.infer<z.ZodObject<typeof shape>>): GroupSpec {
  return { ...group, existing: group.existing ?? false };
}
