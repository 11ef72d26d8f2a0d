// Issue #37 against moto, a second AWS: accounts tagged with Organizations TagResource and UntagResource are
// read back by LiveReader.accountTags (ListTagsForResource) and resolved by accountTags as drift resolves
// them. Skipped with a reason where Python or moto is missing; a failure in CI (CI=true).
import { OrganizationsClient, TagResourceCommand, UntagResourceCommand } from "@aws-sdk/client-organizations";
import * as assert from "assert";
import { validateConfig } from "../../components/config";
import { liveClients } from "../../live/clients";
import { liveTargets } from "../../live/gather";
import { LiveReader } from "../../live/reader";
import { validArgs } from "../fixtures";
import { AWS_ENV, withEnv } from "./env";
import { Moto, motoOrSkip, startMoto } from "./moto";

const ENV = { ...AWS_ENV, AWS_REGION: "us-east-1" };

describe("account tags against moto, a second AWS (#37)", function () {
  this.timeout(120000);
  let moto: Moto;
  const inMoto = <T>(run: () => Promise<T>) => withEnv({ ...ENV, AWS_ENDPOINT_URL: moto.url }, run);

  before(async function () {
    const python = motoOrSkip(this);
    moto = await startMoto(python, ENV);
    // Tagged as an operator would, with the writes the live view itself refuses.
    const writer = new OrganizationsClient({ endpoint: moto.url, region: "us-east-1" });
    const { prod, dev } = moto.seed.accounts;
    await inMoto(async () => {
      await writer.send(
        new TagResourceCommand({
          ResourceId: prod,
          Tags: [
            { Key: "env", Value: "prod" },
            { Key: "team", Value: "payments" },
          ],
        }),
      );
      await writer.send(new TagResourceCommand({ ResourceId: dev, Tags: [{ Key: "env", Value: "prod" }] }));
      await writer.send(new UntagResourceCommand({ ResourceId: dev, TagKeys: ["env"] }));
      await writer.send(new TagResourceCommand({ ResourceId: dev, Tags: [{ Key: "env", Value: "dev" }] }));
    });
  });
  after(async () => {
    await moto?.stop();
  });

  it("reads each account's tags as moto holds them, none for an untagged account", async () => {
    const { prod, dev } = moto.seed.accounts;
    const management = moto.seed.managementAccountId;
    const tags = await inMoto(() => new LiveReader(liveClients()).accountTags([prod, dev, management]));
    assert.deepStrictEqual(JSON.parse(JSON.stringify(tags)), {
      [prod]: { env: "prod", team: "payments" },
      [dev]: { env: "dev" },
      [management]: {},
    });
  });

  it("resolves accountTags against them as drift does", async () => {
    const { prod, dev } = moto.seed.accounts;
    const spec = validateConfig(validArgs({ accounts: [], accountTags: { env: ["prod", "dev"] } } as never));
    const { resolution } = await inMoto(() => liveTargets(new LiveReader(liveClients()), spec));
    assert.deepStrictEqual(
      resolution.targets.map((t) => [t.accountId, t.selectedBy]),
      [
        [prod, ["accountTags"]],
        [dev, ["accountTags"]],
      ].sort(),
    );
    const narrow = validateConfig(
      validArgs({ accounts: [], accountTags: { env: "prod", team: "payments" } } as never),
    );
    const only = await inMoto(() => liveTargets(new LiveReader(liveClients()), narrow));
    assert.deepStrictEqual(
      only.resolution.targets.map((t) => t.accountId),
      [prod],
    );
  });
});
