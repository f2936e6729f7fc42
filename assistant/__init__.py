"""NG234 assistant: NICE NG234 (spinal metastases, MSCC) as deterministic, cited rules."""

__version__ = "0.1.0"
