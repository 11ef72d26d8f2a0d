// `npm run org-snapshot -- --output <file> [--profile <p>] [--region <r>]`: the offline plan's --org file
// from the live organization (read only): the management account, every account with its name and state,
// and every OU with all the accounts below it, nested OUs included.
// Exit codes: 0 written; 1 usage problems; 2 AWS problems.
import * as path from "path";
import { liveClients } from "../live/clients";
import { LiveReader } from "../live/reader";
import { failure } from "./awsErrors";
import { writeOutput } from "./output";
import { CommandResult, runMain } from "./render";
import { flags } from "./stackFile";

const USAGE = "usage: npm run org-snapshot -- --output <file> [--profile <p>] [--region <r>]";

export async function runOrgSnapshot(argv: string[], dir: string): Promise<CommandResult> {
  try {
    const values = flags(argv, ["output", "profile", "region"], USAGE, 1, ["output"]);
    const reader = new LiveReader(liveClients({ region: values.region, profile: values.profile }));
    const [managementAccountId, accounts, organizationalUnits] = await Promise.all([
      reader.managementAccountId(),
      reader.accounts(),
      reader.organizationalUnits(),
    ]);
    const snapshot = {
      managementAccountId,
      accounts: [...accounts].sort((a, b) => (a.id < b.id ? -1 : 1)),
      organizationalUnits: Object.fromEntries(
        Object.entries(organizationalUnits).sort(([a], [b]) => (a < b ? -1 : 1)),
      ),
    };
    writeOutput(path.resolve(dir, values.output as string), JSON.stringify(snapshot, null, 2) + "\n");
    const ous = Object.keys(organizationalUnits).length;
    return {
      code: 0,
      stdout: "",
      stderr: `wrote ${values.output}: ${accounts.length} accounts, ${ous} OUs\n`,
    };
  } catch (err) {
    return failure(err, "");
  }
}

if (require.main === module) runMain(runOrgSnapshot);
