#!/usr/bin/env bash
# Mutation testing of the rule engine and the scores with mutmut 3, in a scratch copy of the
# repository so that nothing here (pyproject.toml, pytest's configuration, the working tree)
# is touched. Usage: tests/run_mutmut.sh [SCRATCH_DIR]   (default: a new temporary directory)
# Prints mutmut's summary; see docs/BENCHMARKS.md "## Mutation testing" for the last result.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="${VENV:-$ROOT/.venv}"
WORK="${1:-$(mktemp -d /tmp/ng234-mutmut.XXXXXX)}"
mkdir -p "$WORK/tests/rules" "$WORK/docs"
cp -r "$ROOT/assistant" "$ROOT/corpus" "$WORK/"
cp "$ROOT/pyproject.toml" "$WORK/"
cp "$ROOT/docs/RULES.md" "$WORK/docs/"
cp -r "$ROOT/tests/data" "$WORK/tests/"
cp "$ROOT"/tests/rules/test_rules.py "$ROOT"/tests/rules/test_engine.py "$ROOT"/tests/rules/test_scores.py \
   "$WORK/tests/rules/"
cp "$ROOT"/tests/test_vignettes.py "$ROOT"/tests/conftest.py "$WORK/tests/"
find "$WORK" -name __pycache__ -prune -exec rm -rf {} +
# Fewer hypothesis examples per mutant (the full suite runs 100 per property).
cat >> "$WORK/tests/conftest.py" <<'PY'

from hypothesis import settings as _hypothesis_settings

_hypothesis_settings.register_profile("mutation", max_examples=15, deadline=None)
_hypothesis_settings.load_profile("mutation")
PY
cat > "$WORK/setup.cfg" <<'CFG'
[mutmut]
source_paths = assistant
also_copy =
    corpus
    docs
only_mutate =
    assistant/rules/*.py
pytest_add_cli_args_test_selection =
    tests/rules/test_rules.py
    tests/rules/test_engine.py
    tests/rules/test_scores.py
    tests/test_vignettes.py
pytest_add_cli_args = -p no:cacheprovider -q
CFG
cd "$WORK"
"$VENV/bin/mutmut" run --max-children "${MUTMUT_CHILDREN:-2}" || true
"$VENV/bin/mutmut" results --all true > "$WORK/results.txt" 2>&1 || "$VENV/bin/mutmut" results > "$WORK/results.txt" 2>&1 || true
echo "scratch: $WORK"
