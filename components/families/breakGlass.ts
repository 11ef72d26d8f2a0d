// The break-glass family, pure: one or two existing users who hold the management account's set through a
// direct USER assignment there. It names neither the group nor the member set, so changing, renaming or
// emptying the group leaves it alone: the way back in when the group's access is gone.
import { PlannedResource, TYPES } from "./types";

export interface BreakGlassAssignment {
  userName: string;
  resource: string;
}

export const planBreakGlass = (name: string, users: string[]): BreakGlassAssignment[] =>
  users.map((userName) => ({ userName, resource: `${name}-break-glass-${userName}` }));

export const breakGlassResources = (assignments: BreakGlassAssignment[]): PlannedResource[] =>
  assignments.map((a) => ({ type: TYPES.assignment, name: a.resource }));
