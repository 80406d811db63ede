#!/usr/bin/env bash
# Runs the whole system: builds it, starts PostgreSQL and RabbitMQ (private instances under .data/ unless
# ConnectionStrings__postgres / ConnectionStrings__messaging name existing servers), every service and the gateway.
# Options are passed to the AppHost: --port N (gateway, default 8080), --data DIR, --postgres-port N, --rabbitmq-port N.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/prerequisites.sh
ensure_prerequisites
build_web

dotnet build Infogerance.sln -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet AppHost/bin/Release/net10.0/Infogerance.AppHost.dll run "$@"
