#!/usr/bin/env bash
# Memory of a running AppHost and of everything DCP runs for it (dashboard, services, PostgreSQL, RabbitMQ), by kind.
# Usage: scripts/apphost-memory.sh [rss|pss] [AppHost pid]   (default: rss, the only AppHost running)
set -euo pipefail
metric=${1:-rss}
apphost=${2:-$(pgrep -f "Infogerance.AppHost.dll" | head -n 1)}
dcp=$(pgrep -f "dcp start-apiserver --monitor $apphost")
tree() { echo "$1"; for child in $(pgrep -P "$1"); do tree "$child"; done; }
kilobytes() {
  case "$metric" in
    # Proportional set size: shared pages (the binaries of DCP's many processes, PostgreSQL's shared buffers) counted once.
    pss) awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" ;;
    *) ps -o rss= -p "$1" ;;
  esac
}
for pid in $apphost $(tree "$dcp"); do
  echo "$(kilobytes "$pid") $(tr '\0' ' ' <"/proc/$pid/cmdline")"
done | awk -v metric="$metric" '{
  kb = $1; $1 = ""; command = $0; kind = "RabbitMQ (Erlang)"
  if (command ~ /Infogerance.AppHost/) kind = "AppHost"
  else if (command ~ /dcp monitor-process/) kind = "DCP monitor-process"
  else if (command ~ /tools\/dcp/) kind = "DCP"
  else if (command ~ /Aspire.Dashboard/) kind = "dashboard"
  else if (command ~ /smtp4dev/) kind = "mail catcher"
  else if (command ~ /^ *dotnet run/) kind = "dotnet run launchers"
  else if (command ~ /Infogerance\./) kind = "services"
  else if (command ~ /postgres/) kind = "PostgreSQL"
  sum[kind] += kb; count[kind]++; total += kb
} END {
  for (kind in sum) printf "%-22s %3d processes %6.0f MB\n", kind, count[kind], sum[kind] / 1024
  printf "%-22s %20.0f MB %s\n", "total", total / 1024, metric
}'
