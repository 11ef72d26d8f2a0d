// The plan's orgEvents section, kept apart: which rules the component creates, where, for which events, and
// which repository they post to; and whether the shipped deployer policy can read the token secret it names.
import {
  ACCOUNT_EVENT_NAMES,
  dispatchEndpoint,
  IDENTITY_EVENT_NAMES,
  isDocumentedTokenSecret,
  ORG_EVENT_NAMES,
  ORG_EVENTS_TOKEN_NAME,
  orgEventsRegion,
} from "../../components/families/orgEvents";
import { AdminAccessPlan, partitionOf } from "../../components/plan";

/** One rule of the trigger: its child name, its region, the sources and the event names it matches. */
export interface OrgEventsRule {
  rule: string;
  /** Null for the stack's own region when the stack file does not say it. */
  region: string | null;
  sources: string[];
  events: string[];
}

export interface OrgEventsSection {
  repository: string;
  eventType: string;
  /** Where the dispatch is posted. */
  endpoint: string;
  tokenSecretArn: string;
  /** policies/deployer-policy.json reads only the secret of the documented name; false: the deploy is denied. */
  deployerReadsToken: boolean;
  rules: OrgEventsRule[];
}

/** The section, or null when the stack has no orgEvents. */
export function orgEventsSection(plan: AdminAccessPlan, region: string | undefined): OrgEventsSection | null {
  const spec = plan.spec.orgEvents;
  const o = plan.orgEvents;
  if (!spec || !o) return null;
  return {
    repository: spec.repository,
    eventType: spec.eventType,
    endpoint: dispatchEndpoint(spec.repository),
    tokenSecretArn: spec.tokenSecretArn,
    deployerReadsToken: isDocumentedTokenSecret(spec.tokenSecretArn),
    rules: [
      {
        rule: o.rule,
        region: orgEventsRegion(partitionOf(region)),
        sources: ["aws.organizations", "aws.account"],
        events: [...ORG_EVENT_NAMES, ...ACCOUNT_EVENT_NAMES],
      },
      {
        rule: o.identity.rule,
        region: region ?? null,
        sources: ["aws.identitystore"],
        events: [...IDENTITY_EVENT_NAMES],
      },
    ],
  };
}

/** The section as label and value, for the text and markdown plans. */
export function orgEventsLines(section: OrgEventsSection | null): [string, string][] {
  if (!section) return [];
  return [
    [
      "orgEvents",
      `posts a ${section.eventType} repository_dispatch to ${section.repository} (${section.endpoint})`,
    ],
    ...section.rules.map((r): [string, string] => [
      `  rule ${r.rule}`,
      `${r.region ?? "the stack's region"}, ${r.sources.join(" and ")}: ${r.events.join(", ")}`,
    ]),
    [
      "  token secret",
      "the value of " +
        section.tokenSecretArn +
        ", sent to GitHub as a bearer token" +
        (section.deployerReadsToken
          ? ""
          : ` (policies/deployer-policy.json reads only ${ORG_EVENTS_TOKEN_NAME}-…: the deploy will be denied)`),
    ],
  ];
}
