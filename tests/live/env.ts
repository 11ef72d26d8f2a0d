// Points the real AWS SDK at a fake on the loopback for the length of a test: AWS_ENDPOINT_URL, fake
// credentials, and no shared config files or instance metadata to fall back on.
export const AWS_ENV = {
  AWS_ACCESS_KEY_ID: "AKIAFAKEFAKEFAKEFAKE",
  AWS_SECRET_ACCESS_KEY: "fake-secret",
  AWS_REGION: "eu-west-1",
  AWS_CONFIG_FILE: "/nonexistent/aws-config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
  AWS_EC2_METADATA_DISABLED: "true",
  // The SDK's notice that later releases need Node 22 is true, and printed once per process, not per test.
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};

const KEYS = [
  ...Object.keys(AWS_ENV),
  "AWS_ENDPOINT_URL",
  "AWS_PROFILE",
  "AWS_SESSION_TOKEN",
  "AWS_DEFAULT_REGION",
];

/** Runs `fn` with the environment set as given (undefined removes a variable), then restores it. */
export async function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const key of KEYS) delete process.env[key];
  for (const [key, value] of Object.entries(env)) if (value !== undefined) process.env[key] = value;
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
