#!/usr/bin/env bash
# The main job: installs what it needs (environment/setup.sh), builds, and runs the FgCrossNet demo.
# Until the end-to-end demo lands, this generates synthetic test features and evaluates them with the paper protocol.
# Extra arguments go to `fgcrossnet eval` (e.g. --exclude-self).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
environment/setup.sh
dotnet build src/FgCrossNet.Cli -c Release --nologo -v quiet --no-restore
fgx=src/FgCrossNet.Cli/bin/Release/net10.0/linux-x64/fgcrossnet
out="${FGX_DEMO_OUT:-out/demo}"
"$fgx" features synth --out "$out/features" --scale 1
"$fgx" eval --features "$out/features" --ci --json "$out/scores.json" "$@"
