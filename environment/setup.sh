#!/usr/bin/env bash
# Installs what FgCrossNet needs on Debian/Ubuntu, idempotently: OS packages (only those missing), local .NET tools,
# NuGet packages. Safe to run again and again; does nothing that is already done.
#   environment/setup.sh            everything the build, the demo and the tests need
# Environment: FGX_SKIP_APT=1 skips OS packages (other distros: install the equivalents listed in environment/README.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (https://learn.microsoft.com/dotnet/core/install/linux-debian)." >&2
  exit 1
fi
sdk_major="$(dotnet --version | cut -d. -f1)"
if [ "$sdk_major" -lt 10 ]; then
  echo "setup: .NET SDK $(dotnet --version) found; FgCrossNet needs 10 or newer." >&2
  exit 1
fi

# OS packages: SkiaSharp's native library links fontconfig and freetype; python3-onnx is the official ONNX checker
# (run with /usr/bin/python3) that the export tests use; python3-torch is real PyTorch, with which the checkpoint tests
# write the files they read (the product never runs Python); chromium renders figures to PNG/SVG offline; slurm-wlm and
# munge are the single-node Slurm cluster the `ablate --slurm` test starts (its daemons run only inside that test).
apt_packages=(libfontconfig1 libfreetype6 python3-onnx python3-torch chromium slurm-wlm munge)
if [ "${FGX_SKIP_APT:-0}" != "1" ] && command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "setup: installing OS packages: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

if [ -f .config/dotnet-tools.json ]; then
  dotnet tool restore >/dev/null
fi
dotnet restore FgCrossNet.sln --nologo -v quiet
