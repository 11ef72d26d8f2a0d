// The orgEvents section: the optional trigger that posts a GitHub repository_dispatch when the organization
// changes (an account created, moved, invited in or removed), so that a drift check runs between deploys.
import { z } from "zod";
import { OrgEventsSpec } from "../spec";
import { AllowedKeys } from "./messages";
import { text } from "./rules";

/** GitHub's owner (1-39 of letters, digits, inner hyphens) and repository (1-100 of [A-Za-z0-9._-], not . or ..). */
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
/**
 * repository_dispatch's event_type is at most 100 characters (GitHub REST API, "Create a repository dispatch
 * event"); kept to characters a workflow's `on.repository_dispatch.types` names plainly, and that need no
 * escaping in the JSON the rule posts.
 */
const EVENT_TYPE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
/** A Secrets Manager secret's ARN: partition, region, account, then secret:<name>-<6 random characters>. */
const SECRET_ARN =
  /^arn:aws(-[a-z]+)*:secretsmanager:[a-z]{2}(-[a-z]+)+-\d:\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}$/;

export const shape = {
  repository: text("owner/name of a GitHub repository, e.g. my-org/platform", (s) => REPOSITORY.test(s)),
  eventType: text(
    "1-100 of letters, digits, _ . -, starting with a letter or digit (GitHub's event_type)",
    (s) => EVENT_TYPE.test(s),
  ),
  tokenSecretArn: text(
    "the ARN of a Secrets Manager secret, arn:aws:secretsmanager:<region>:<account>:secret:<name>",
    (s) => SECRET_ARN.test(s),
  ),
};

export const allowed: AllowedKeys = [[/^orgEvents$/, Object.keys(shape)]];

export const normalize = (o: z.infer<z.ZodObject<typeof shape>>): OrgEventsSpec => ({
  repository: o.repository,
  eventType: o.eventType,
  tokenSecretArn: o.tokenSecretArn,
});
