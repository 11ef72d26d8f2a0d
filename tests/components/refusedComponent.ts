// Run in a process of its own by lockout.test.ts: a component refused after target resolution fails its
// children's registrations, which leaves the shared mock runtime waiting on them for the rest of a test run.
import { AdminAccessComponent } from "../../components/adminAccess";
import { validArgs } from "../fixtures";
import { mocks, storeWithout, valueOf } from "../mocks";

process.on("unhandledRejection", () => undefined); // the failed registrations; the refusal is reported below
// The identity store's answers: userNames it does not hold, and lookups that fail with a given text.
const store = JSON.parse(process.argv[3] ?? "{}") as { absent?: string[]; failing?: Record<string, string> };
storeWithout(store.absent ?? [], store.failing ?? {});
valueOf(new AdminAccessComponent("aa", validArgs(JSON.parse(process.argv[2]))).accountIds).then(
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
