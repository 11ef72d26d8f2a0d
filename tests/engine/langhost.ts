// A language host for `pulumi import --file`, which starts the project's runtime although it runs no
// program: `@pulumi/pulumi/automation/server`'s LanguageServer with an empty program, served as
// `pulumi-language-nodejs` (harness.ts). It prints its port, as the CLI expects of a plugin.
import * as grpc from "@grpc/grpc-js";
import * as server from "@pulumi/pulumi/automation/server";
import * as langrpc from "@pulumi/pulumi/proto/language_grpc_pb";

// Internal to the SDK (its .d.ts exports nothing), which the Automation API serves the same way.
const { LanguageServer } = server as unknown as {
  LanguageServer: new (program: () => Promise<unknown>) => grpc.UntypedServiceImplementation;
};
const host = new grpc.Server();
host.addService(langrpc.LanguageRuntimeService, new LanguageServer(async () => ({})));
host.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  console.log(String(port));
});
