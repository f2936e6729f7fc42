"""Stage 2, search: the embedding model, the FAISS index and its manifest, hybrid retrieval."""
