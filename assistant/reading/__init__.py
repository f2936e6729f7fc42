"""Stage 3, reading: a clinician's free text read into case facts, and the scope decision."""
