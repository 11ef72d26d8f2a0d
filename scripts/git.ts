// git as the review reads it: one way to run it, output as text, git's own words kept on failure (stderr).
import { execFileSync } from "child_process";

export const git = (dir: string, args: string[]): string =>
  execFileSync("git", args, { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
