#!/usr/bin/env bash
# Runs the whole system under the Aspire AppHost: builds it, starts PostgreSQL and RabbitMQ (private instances under
# .data/ unless ConnectionStrings__postgres / ConnectionStrings__messaging name existing servers), the mail catcher
# (smtp4dev: every e-mail the services send, on its web page), every service, the gateway and the Aspire dashboard.
# Options are passed to the AppHost: --port N (gateway, default 8080), --data DIR, --postgres-port N,
# --rabbitmq-port N, --mail-port N (the mail catcher's web page, default 8025), --smtp-port N (its SMTP, default 2525),
# --trace-sampling RATIO (the share of requests traced, every one by default).
set -euo pipefail
cd "$(dirname "$0")"
. scripts/prerequisites.sh
ensure_prerequisites
ensure_mail_catcher
build_web

dotnet build Infogerance.sln -c Release -nologo -v quiet -clp:ErrorsOnly
# The dashboard over plain http, as there is no trusted development certificate here; the services send it their
# traces, metrics and logs by OTLP/HTTP.
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:18888}"
export ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL:-http://localhost:18889}"
exec dotnet AppHost/bin/Release/net10.0/Infogerance.AppHost.dll run "$@"
