#!/usr/bin/env bash
# The main job: installs what it needs (environment/setup.sh), builds, and runs `fgcrossnet demo`: a synthetic
# FG-XMedia, two-stage training (cpu-tuned), ONNX export, ML.NET feature extraction, the paper's 16 MAP scores with
# confidence intervals, and an HTML report. Run again to continue an interrupted demo; extra arguments go to
# `fgcrossnet demo` (e.g. --fresh, --out DIR, --set stage1.epochs=4).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
environment/setup.sh
dotnet build src/FgCrossNet.Cli -c Release --nologo -v quiet --no-restore
fgx=src/FgCrossNet.Cli/bin/Release/net10.0/linux-x64/fgcrossnet
"$fgx" demo --out "${FGX_DEMO_OUT:-out/demo}" "$@"
