"""Stage 5, answers: the conversation, the Answer model, its rendering and its audit trail."""
