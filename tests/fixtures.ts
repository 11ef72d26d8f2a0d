import { AdminAccessComponentArgs } from "../components/adminAccess";
import { IDENTITY_STORE_ID, INSTANCE_ARN } from "./mocks";

/** A valid config with one of everything; tests change one thing at a time. */
export function validArgs(overrides: Partial<AdminAccessComponentArgs> = {}): AdminAccessComponentArgs {
  return {
    instanceArn: INSTANCE_ARN,
    identityStoreId: IDENTITY_STORE_ID,
    permissionSet: { description: "Full access", sessionDuration: "PT4H", tags: { owner: "platform" } },
    group: { displayName: "Platform Admins", description: "Administrators" },
    accounts: ["111111111111", "012345678901"],
    admins: [
      { userName: "alice", email: "alice@example.com", givenName: "Alice", familyName: "Liddell" },
      { userName: "bob", existing: true },
      {
        userName: "carol",
        email: "carol@example.com",
        givenName: "Carol",
        familyName: "Danvers",
        title: "SRE",
      },
    ],
    ...overrides,
  };
}
