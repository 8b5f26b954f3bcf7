# Sourced by start.sh and test.sh: installs whatever this Debian 12 / Ubuntu machine is missing
# (system packages, npm packages, tauri-driver), and nothing that is already there.
# Needs root or sudo for apt. Prints one line per thing it installs.

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

APT_PACKAGES=(
  build-essential pkg-config file curl
  libwebkit2gtk-4.1-dev libxdo-dev librsvg2-dev libssl-dev # Tauri 2 on Linux (WebKitGTK 4.1)
  xvfb xauth webkit2gtk-driver                             # the real-window e2e test
  poppler-utils qpdf                                       # PDF checks (pdftotext, pdffonts, qpdf --check)
  libreoffice-writer-nogui                                 # the DOCX report opened by a real client (soffice --convert-to pdf)
  cmake libclang-dev                                       # HiGHS, the roadmap's integer-program solver (highs-sys builds it from source)
  imagemagick xdotool dbus                                 # scripts/deb-check.sh: screenshot check, window lookup, a session bus for single-instance
  unzip                                                    # e2e: reads the exported .docx
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "Rust is not installed: install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "Node.js $node_major is too old for Vite; Node 20 or newer is needed." >&2
  exit 1
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "==> cargo install tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
fi
