// Run in a process of its own by lockout.test.ts: a component refused after target resolution fails its
// children's registrations, which leaves the shared mock runtime waiting on them for the rest of a test run.
import { AdminAccessComponent, AdminAccessComponentArgs } from "../../components/adminAccess";
import { validArgs } from "../fixtures";
import { mocks, storeWithout, valueOf } from "../mocks";

process.on("unhandledRejection", () => undefined); // the failed registrations; the refusal is reported below
// The identity store's answers: userNames it does not hold, and lookups that fail with a given text.
const store = JSON.parse(process.argv[3] ?? "{}") as {
  absent?: string[];
  failing?: Record<string, string>;
  noInstance?: boolean;
};
storeWithout(store.absent ?? [], store.failing ?? {});
// A null in the overrides removes that argument (JSON has no undefined).
const overrides = JSON.parse(process.argv[2]) as Record<string, unknown>;
const args = validArgs(overrides) as unknown as Record<string, unknown>;
for (const [key, value] of Object.entries(overrides)) if (value === null) delete args[key];
if (store.noInstance)
  mocks.respond("aws:ssoadmin/getInstances:getInstances", () => ({
    arns: [],
    identityStoreIds: [],
    id: "x",
  }));
valueOf(new AdminAccessComponent("aa", args as unknown as AdminAccessComponentArgs).accountIds).then(
  (accountIds) => console.log(JSON.stringify({ accountIds })),
  (err: { problems?: string[]; message?: string }) =>
    console.log(
      JSON.stringify({
        problems: err.problems,
        message: err.message,
        registered: mocks.registrations.filter((r) => r.custom).map((r) => r.name),
      }),
    ),
);
