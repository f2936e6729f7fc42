"""Stage 1, the guideline: NICE NG234's text parsed into typed, verbatim passages."""
