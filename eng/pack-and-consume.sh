#!/usr/bin/env bash
# Packs Pinterest.Publishing and Pinterest.Publishing.Testing into a temporary folder, then restores, builds and
# runs eng/package-consumer against those .nupkg files only (a fresh packages folder, so a re-packed 0.1.0 is never
# served from the global NuGet cache). Exits non-zero if packing, the consumer build or the consumer run fails.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

echo "==> pack into $work/feed"
for project in Pinterest.Publishing Pinterest.Publishing.Testing Pinterest.Publishing.EntityFrameworkCore Pinterest.Publishing.AspNetCore Pinterest.Publishing.OpenTelemetry; do
  dotnet pack "$repo/src/$project/$project.csproj" -c Release -o "$work/feed" -p:TreatWarningsAsErrors=true
done

for id in Pinterest.Publishing Pinterest.Publishing.Testing Pinterest.Publishing.EntityFrameworkCore Pinterest.Publishing.AspNetCore Pinterest.Publishing.OpenTelemetry; do
  for ext in nupkg snupkg; do
    [ -f "$work/feed/$id.0.1.0.$ext" ] || { echo "missing $id.0.1.0.$ext" >&2; exit 1; }
  done
done

echo "==> build and run eng/package-consumer against the packed feed"
export PINTEREST_PACKAGE_SOURCE="$work/feed"
consumer="$repo/eng/package-consumer/PackageConsumer.csproj"
dotnet restore "$consumer" -p:RestorePackagesPath="$work/packages" --force-evaluate
dotnet build "$consumer" -c Release --no-restore -p:RestorePackagesPath="$work/packages" \
  -p:BaseOutputPath="$work/bin/" -p:TreatWarningsAsErrors=true
dotnet "$work/bin/Release/net10.0/PackageConsumer.dll" < /dev/null
echo "==> package consumer passed"
