// The stack reader (live/stackReader.ts) against moto's server, a second AWS written independently of this
// project's fake: Scheduler's REST answers, IAM's XML with URL-encoded documents, EventBridge and SQS. Skipped
// with a reason where Python or moto is missing; a failure in CI (CI=true).
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import {
  membershipRemovalPolicy,
  membershipRemovalTarget,
  schedulerTrust,
} from "../../components/families/expiry";
import { dispatchEndpoint, orgEventPattern } from "../../components/families/orgEvents";
import { liveSession } from "../../live/clients";
import { StackReader } from "../../live/stackReader";
import { AWS_ENV, withEnv } from "./env";
import { Moto, motoOrSkip, startMoto } from "./moto";

const ENV = { ...AWS_ENV, AWS_REGION: "us-east-1" };

describe("the stack reader against moto, a second AWS", function () {
  this.timeout(120000);
  let moto: Moto;
  let arns: { role: string; rule: string; destination: string; queue: string };
  const given = {
    trust: schedulerTrust("123456789012"),
    policy: membershipRemovalPolicy("aws", "123456789012", "d-1", "g-1", [
      { membershipId: "m-1", userId: "u-1" },
    ]),
    schedule: "admin-access-expiry-bob-example.com-0badc0de",
    target: membershipRemovalTarget("aws"),
    input: { IdentityStoreId: "d-1", MembershipId: "m-1" },
    endpoint: dispatchEndpoint("my-org/platform"),
    pattern: orgEventPattern(),
  };
  const read = <T>(run: (reader: StackReader) => Promise<T>) =>
    withEnv({ ...ENV, AWS_ENDPOINT_URL: moto.url }, () =>
      run(new StackReader(liveSession({ region: "us-east-1" }).stack)),
    );

  before(async function () {
    const python = motoOrSkip(this);
    moto = await startMoto(python, ENV);
    arns = JSON.parse(
      execFileSync(python, [path.join(__dirname, "moto_stack_seed.py"), moto.url, JSON.stringify(given)], {
        encoding: "utf8",
      }),
    );
  });
  after(async () => moto?.stop());

  it("a schedule: its instant, state, target, role and input; a missing one is undefined", async () => {
    assert.deepStrictEqual(await read((r) => r.schedule(given.schedule)), {
      expression: "at(2099-01-01T00:00:00)",
      state: "ENABLED",
      targetArn: given.target,
      roleArn: arns.role,
      input: given.input,
    });
    assert.strictEqual(await read((r) => r.schedule("no-such-schedule")), undefined);
  });

  it("a role: its trust and inline policy decoded from IAM's URL-encoded XML; a missing one is undefined", async () => {
    assert.deepStrictEqual(await read((r) => r.role(arns.role)), {
      arn: arns.role,
      trust: given.trust,
      inlinePolicies: { expiry: given.policy },
      attached: [],
    });
    assert.strictEqual(await read((r) => r.role(arns.role.replace("1a2b3c4", "0000000"))), undefined);
  });

  it("a rule by the name Pulumi generated (not a longer name of the same prefix), with what its target names", async () => {
    const found = await read((r) => r.deliveries("us-east-1", "admin-access-org-events"));
    assert.strictEqual(found.length, 1);
    const [d] = found;
    assert.deepStrictEqual(
      { ...d, destination: d.destination && { ...d.destination, connectionState: undefined } },
      {
        ruleArn: arns.rule,
        pattern: given.pattern,
        state: "ENABLED",
        targets: [{ arn: arns.destination, roleArn: arns.role, deadLetterArn: arns.queue }],
        destination: {
          arn: arns.destination,
          endpoint: given.endpoint,
          method: "POST",
          connectionState: undefined,
        },
        undelivered: 1,
      },
    );
    assert.ok(d.destination?.connectionState, "moto answers the connection's state");
  });
});
