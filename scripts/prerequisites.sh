# Installs what the project needs from Debian/Ubuntu packages when missing, as root; otherwise says what to install.
# Sourced by run.sh and test.sh.

missing_packages() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || command -v initdb >/dev/null || missing+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
  for package in "$@"; do
    case "$package" in
      chromium) command -v chromium >/dev/null || missing+=(chromium) ;;
      *) dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package") ;;
    esac
  done
  echo "${missing[@]}"
}

ensure_prerequisites() {
  if ! command -v dotnet >/dev/null; then
    echo "The .NET 10 SDK is required: install it (https://learn.microsoft.com/dotnet/core/install/linux-debian), then run this again." >&2
    exit 1
  fi

  local missing
  missing=$(missing_packages "$@")
  [ -z "$missing" ] && return 0

  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing: $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Missing packages: $missing. Install them with: sudo apt-get install -y $missing" >&2
    exit 1
  fi
}

# The SPA's build and tests need Node.js 20.19 or later with npm (Vite 8).
ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null \
     || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    echo "Node.js 20.19 or later with npm is required for the web app: install it (https://nodejs.org/en/download), then run this again." >&2
    exit 1
  fi
}

# Installs the SPA's packages exactly as locked and builds it into src/Web/dist, which the gateway serves.
build_web() {
  ensure_node
  (cd src/Web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent) >/dev/null
}

# The mail catcher the AppHost runs (smtp4dev, a .NET tool; the version is AppHost/MailCatcher.cs's), under .tools/.
ensure_mail_catcher() {
  [ -x .tools/smtp4dev ] && return 0
  dotnet tool install Rnwood.Smtp4dev --version 3.15.0 --tool-path .tools >/dev/null
}
