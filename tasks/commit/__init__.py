"""commit stage."""
