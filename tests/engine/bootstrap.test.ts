// What adopt's bootstrap writes of a set's guardrails: the engine's adoption round trip proves the inline
// policy end to end (scenarios.engine.ts); customer-managed policies and a boundary make the audit report
// the set as unverifiable by design, so their round trip stops at the config written here.
import * as assert from "assert";
import { bootstrapConfig } from "../../analysis/bootstrap";
import { BootstrapLive } from "../../analysis/views";

const live = (guardrails: Partial<BootstrapLive["permissionSet"]>): BootstrapLive => ({
  permissionSet: { name: "AdministratorAccess", tags: {}, ...guardrails },
  group: { displayName: "Console Admins" },
  members: [],
  accounts: ["012345678901"],
});

describe("adopt bootstrap keeps the set's guardrails", () => {
  it("customer-managed policies by path and name, and a managed boundary", () => {
    const config = bootstrapConfig(
      live({
        customerManagedPolicies: ["/guard/BaselineProtection", "/NoRegionOptIn"],
        boundary: "arn:aws:iam::aws:policy/PowerUserAccess",
      }),
    );
    assert.deepStrictEqual(config["admin-access:permissionSet"], {
      name: "AdministratorAccess",
      customerManagedPolicies: [
        { name: "BaselineProtection", path: "/guard/" },
        { name: "NoRegionOptIn", path: "/" },
      ],
      permissionsBoundary: { managedPolicyArn: "arn:aws:iam::aws:policy/PowerUserAccess" },
    });
  });

  it("a customer-managed boundary; none of them when the set has none", () => {
    const bounded = bootstrapConfig(live({ boundary: "/boundaries/AdminBoundary" }));
    assert.deepStrictEqual(
      (bounded["admin-access:permissionSet"] as Record<string, unknown>).permissionsBoundary,
      {
        customerManagedPolicy: { name: "AdminBoundary", path: "/boundaries/" },
      },
    );
    assert.deepStrictEqual(
      bootstrapConfig(live({ customerManagedPolicies: [] }))["admin-access:permissionSet"],
      {
        name: "AdministratorAccess",
      },
    );
  });
});
