"""boilerplate stage."""
