// The whole config's shape, composed from the sections' shapes in the order the config is written. Apart
// from config.ts, which is public, so that the package's declarations never carry zod's types; the review's
// rule test walks it.
import { z } from "zod";
import * as admins from "./admins";
import * as group from "./group";
import { ConfigKey } from "./keys";
import * as management from "./management";
import * as orgEvents from "./orgEvents";
import * as permissionSet from "./permissionSet";
import * as safety from "./safety";
import * as selectors from "./selectors";
import * as settings from "./settings";

export const configShape = {
  ...settings.instance,
  permissionSet: z.object(permissionSet.shape).optional(),
  group: z.object(group.shape),
  ...selectors.shape,
  assignmentConcurrency: settings.assignmentConcurrency,
  admins: z.array(z.object(admins.shape)),
  ...settings.output,
  ...safety.shape,
  ...management.shape,
  orgEvents: z.object(orgEvents.shape).optional(),
} satisfies Record<ConfigKey, z.ZodType>;
