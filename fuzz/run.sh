#!/usr/bin/env bash
# Fuzzes the core: ./fuzz/run.sh [SECONDS] [TARGET...] (default 600 s for each of annotate,
# dataset_load, model_load). Needs the nightly toolchain (rustup) and cargo-fuzz, both installed
# here when missing, and ./build.sh's build/dataset.bin and models/tagger.bin. Seeds: a small
# dataset (examples/seeds.rs), a small model trained on a few CoNLL sentences (never shipped),
# the article texts of ../shared/pages. Crashes land in fuzz/artifacts/TARGET/; each one found
# becomes a regression test in tests/properties.rs.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(annotate dataset_load model_load)
shared=${GLOSS_SHARED:-../../shared}

rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2
[ -f ../build/dataset.bin ] && [ -f ../models/tagger.bin ] || { echo "run ./build.sh first" >&2; exit 1; }

# Seeds (regenerated each run; the corpus directories also keep what the fuzzer found).
cargo run --quiet --release --example seeds -- corpus
mkdir -p corpus/model_load corpus/annotate
if [ ! -f corpus/model_load/seed-1 ]; then
  (cd .. && cargo build --quiet --release --features cli)
  scratch=$(mktemp -d)
  head -n 400 "$shared/corpora/conll2003/train.txt" > "$scratch/train.txt"
  ../target/release/gloss train --train "$scratch/train.txt" --out "$scratch/model.bin" \
    --bits 10 --clusters 0 --epochs 2 --folds 2 >/dev/null
  for mode in 0 1; do { printf "\\x0$mode"; cat "$scratch/model.bin"; } > corpus/model_load/seed-$mode; done
  rm -rf "$scratch"
fi
python3 - "$shared" <<'PY'
import json, sys, pathlib
truth = json.load(open(pathlib.Path(sys.argv[1]) / "pages/article-extraction-benchmark/ground-truth.json"))
out = pathlib.Path("corpus/annotate")
for i, t in enumerate(list(truth.values())[:40]):
    body = t.get("articleBody")
    if isinstance(body, str) and body.strip():
        (out / f"seed-article-{i}").write_text(body[:4000])
PY

for target in "${targets[@]}"; do
  echo "== $target: $seconds s"
  cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 2>&1 |
    grep -E "^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|Done|==[0-9]+==|SUMMARY|.*panicked|artifact_prefix|Test unit written)" || true
  if ls "artifacts/$target"/crash-* >/dev/null 2>&1; then echo "!! $target: crashes in fuzz/artifacts/$target"; fi
done
