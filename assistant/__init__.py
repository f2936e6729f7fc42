"""NG234 assistant: NICE NG234 (spinal metastases and MSCC) as deterministic rules with citations."""

__version__ = "0.1.0"
