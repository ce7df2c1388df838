#!/usr/bin/env bash
# Builds the fuzz targets (CSV, review file, risk of bias, RevMan) with libFuzzer and
# AddressSanitizer and runs each for a bounded time,
# seeded from the examples and the test fixtures. A crash stops the run, leaves the input in
# .build/fuzz/crashes/<target>/, and makes the script fail. Replay it with the target's binary
# (.build-fuzz/debug/fuzz-csv FILE), fix the reader, and keep the input as a test in that reader's
# suite (as ReviewLoaderTests' alias-key case, found this way, is).
#   scripts/fuzz.sh [SECONDS_PER_TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
swift_bin=$(dirname "$(readlink -f "$(command -v swift)")")
runtime=$(ls "$swift_bin"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a 2>/dev/null | head -1)
if [ -z "$runtime" ]; then echo "fuzz: libFuzzer's runtime is not in this Swift toolchain" >&2; exit 1; fi

targets=(fuzz-csv fuzz-review fuzz-robvis fuzz-revman)
flags=(-Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp
       -Xswiftc -DFUZZING -Xswiftc -use-ld=lld -Xlinker "$runtime" -Xlinker -lstdc++)
for target in "${targets[@]}"; do
  swift build --product "$target" "${flags[@]}" --scratch-path .build-fuzz
done

work=.build/fuzz
rm -rf "$work/corpus"
mkdir -p "$work/corpus" "$work/crashes"
seed() { # seed TARGET FILES...
  local target=$1; shift
  mkdir -p "$work/corpus/$target"
  for file in "$@"; do [ -f "$file" ] && cp "$file" "$work/corpus/$target/$(echo "$file" | tr '/' '_')"; done
}
shopt -s nullglob
seed fuzz-csv examples/*/data/*.csv examples/*/*.csv Tests/Fixtures/invalid/*/*.csv Tests/Fixtures/valid/*/*.csv
seed fuzz-review examples/*/review.yaml Tests/Fixtures/invalid/*/review.yaml Tests/Fixtures/valid/*/review.yaml
seed fuzz-robvis examples/*/rob.csv Tests/Fixtures/invalid/*/rob.csv Tests/Fixtures/rob/*.csv
seed fuzz-revman Tests/Fixtures/revman/*.rm5

status=0
for target in "${targets[@]}"; do
  mkdir -p "$work/crashes/$target"
  echo "fuzz: $target for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
       -print_final_stats=1 -artifact_prefix="$work/crashes/$target/" "$work/corpus/$target" > "$work/$target.log" 2>&1; then
    echo "fuzz: $target found a problem:"; tail -40 "$work/$target.log"
    ls "$work/crashes/$target"
    status=1
  else
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$work/$target.log" | tail -1
  fi
done
exit $status
