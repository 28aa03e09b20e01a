#!/usr/bin/env bash
# Regenerates docs/results.md (and docs/results-figures/, docs/results-report.json): the cpu-recipes grid
# (data-manifests/ablations/cpu-recipes.yaml: cpu-paper against cpu-tuned, 3 seeds, three retrieval features) on the
# default synthetic FG-XMedia, trained by two processes of one thread each, then the report and the page. Resumable:
# run it again after an interruption. Measured here: the 3 cpu-tuned trainings took 16 min on two 1-thread shards
# (about 7 min per run), so the whole grid takes about 25 min on 2 otherwise idle cores.
#   docs/results.sh [RUNS_FOLDER]     (default: runs/results)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-runs/results}"
mkdir -p "$runs"
environment/setup.sh
dotnet build src/FgCrossNet.Cli -c Release --nologo -v quiet --no-restore
fgx=src/FgCrossNet.Cli/bin/Release/net10.0/linux-x64/fgcrossnet
data="$runs/data"
[ -f "$data/synthetic.json" ] || "$fgx" synth --out "$data" --config data-manifests/synthetic/default.json
grid=data-manifests/ablations/cpu-recipes.yaml
"$fgx" ablate --grid "$grid" --data "$data" --out "$runs/cpu-recipes" --skip-existing --shard 1/2 > "$runs/shard-1.log" 2>&1 &
first=$!
"$fgx" ablate --grid "$grid" --data "$data" --out "$runs/cpu-recipes" --skip-existing --shard 2/2 > "$runs/shard-2.log" 2>&1 || { wait "$first"; exit 1; }
wait "$first"
"$fgx" report --runs "$runs/cpu-recipes" --out "$runs/cpu-recipes" --page docs/results.md \
  --title "Results: the paper's recipe against ours at CPU scale (synthetic FG-XMedia)" --regenerate docs/results.sh
cp "$runs/cpu-recipes/report.json" docs/results-report.json
