#!/usr/bin/env bash
# Build the VS Code extension and package it as a .vsix (CI entry point).
#   editors/vscode/build.sh            -> editors/vscode/legislint-<version>.vsix
# Needs node >= 20 and npm; installs exactly what package-lock.json pins (npm ci).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
npm run typecheck
npm run build -- --minify
version=$(node -p "require('./package.json').version")
# The bundle (dist/extension.js) holds vscode-languageclient: no node_modules in the package.
npx --no-install vsce package --no-dependencies --out "legislint-${version}.vsix"
test -s "legislint-${version}.vsix"
echo "built $(pwd)/legislint-${version}.vsix"
